package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scans of the same lab network on the real WildFly, the lab changed in between (a relay closed, a relay
 * opened, a host gone, a host new): the diff of the second against the first names each change, through the JSON,
 * the CSV and the HTML page, and a host's history shows both scans.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScanDiffIT {

    private static final String TARGETS = "127.0.76.0/29";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private Lab lab;

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theSecondScanIsComparedWithTheFirst() throws Exception {
        ScanApi api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        // a comment in the exclusions makes this run's scans the only ones with exactly these targets
        String exclude = "127.0.76.7 # ScanDiffIT run " + System.nanoTime();

        lab = lab(Map.of("127.0.76.1", Personality.OPEN_RELAY, "127.0.76.2", Personality.OPEN_RELAY,
                "127.0.76.3", Personality.CLOSED, "127.0.76.4", Personality.CLOSED, "127.0.76.5", Personality.CLOSED));
        long first = scan(api, exclude);
        lab.close();
        lab = lab(Map.of("127.0.76.1", Personality.OPEN_RELAY, "127.0.76.2", Personality.CLOSED,
                "127.0.76.3", Personality.OPEN_RELAY, "127.0.76.5", Personality.CLOSED, "127.0.76.6", Personality.NOT_SMTP));
        long second = scan(api, exclude);

        ScanApi viewer = api.as(TestUsers.VIEWER);
        ScanApi.Reply reply = viewer.get("api/scans/" + second + "/diff");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject diff = reply.json();
        assertThat(diff.getJsonObject("base").getJsonNumber("id").longValue()).isEqualTo(first);
        assertThat(diff.getString("baseChosen")).contains("same targets");
        JsonObject counts = diff.getJsonObject("counts");
        assertThat(counts.getInt("STILL_OPEN")).isEqualTo(1);
        assertThat(counts.getInt("FIXED")).isEqualTo(1);
        assertThat(counts.getInt("NEW_RELAY")).isEqualTo(1);
        assertThat(counts.getInt("NO_LONGER_ANSWERING")).isEqualTo(1);
        assertThat(counts.getInt("NEW_HOST")).isEqualTo(1);
        assertThat(counts.getInt("OTHER_CHANGE")).isZero();
        assertThat(counts.getInt("UNCHANGED")).isEqualTo(1);
        assertThat(diff.getJsonNumber("listed").longValue()).isEqualTo(5);
        Map<String, JsonObject> changes = new HashMap<>();
        diff.getJsonArray("changes").getValuesAs(JsonObject.class)
                .forEach(change -> changes.put(change.getString("address"), change));
        assertThat(changes.get("127.0.76.1").getString("category")).isEqualTo("STILL_OPEN");
        assertThat(changes.get("127.0.76.2").getString("category")).isEqualTo("FIXED");
        assertThat(changes.get("127.0.76.2").getJsonObject("after").getString("verdict")).isEqualTo("SECURED");
        assertThat(changes.get("127.0.76.3").getString("category")).isEqualTo("NEW_RELAY");
        assertThat(changes.get("127.0.76.3").getJsonObject("before").getString("verdict")).isEqualTo("SECURED");
        assertThat(changes.get("127.0.76.4").getString("category")).isEqualTo("NO_LONGER_ANSWERING");
        assertThat(changes.get("127.0.76.4").getJsonObject("after").getString("verdict")).isEqualTo("NO_ANSWER");
        assertThat(changes.get("127.0.76.6").getString("category")).isEqualTo("NEW_HOST");
        assertThat(changes.get("127.0.76.6").getJsonObject("after").getString("verdict")).isEqualTo("NOT_SMTP");
        assertThat(changes).doesNotContainKey("127.0.76.5");

        JsonObject fixedOnly = viewer.get("api/scans/" + second + "/diff?category=fixed&limit=1").json();
        assertThat(fixedOnly.getJsonNumber("listed").longValue()).isEqualTo(1);
        assertThat(fixedOnly.getJsonArray("changes").getJsonObject(0).getString("address")).isEqualTo("127.0.76.2");
        JsonObject explicit = viewer.get("api/scans/" + first + "/diff?against=" + second).json();
        assertThat(explicit.getJsonObject("counts").getInt("FIXED")).isEqualTo(1);   // .3, read backwards
        assertThat(explicit.getJsonObject("counts").getInt("NEW_RELAY")).isEqualTo(1); // .2, read backwards

        ScanApi.Reply csv = viewer.get("api/scans/" + second + "/diff.csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertThat(lines.getFirst()).startsWith("scan_id,base_scan_id,category,address,port,verdict_before");
        assertThat(lines).hasSize(6)
                .anyMatch(line -> line.startsWith(second + "," + first + ",NEW_RELAY,127.0.76.3,2525,SECURED,"
                        + verdictOf(changes, "127.0.76.3") + ","))
                .anyMatch(line -> line.startsWith(second + "," + first + ",FIXED,127.0.76.2,2525,"))
                .anyMatch(line -> line.startsWith(second + "," + first + ",NO_LONGER_ANSWERING,127.0.76.4,2525,SECURED,NO_ANSWER"))
                .anyMatch(line -> line.startsWith(second + "," + first + ",NEW_HOST,127.0.76.6,2525,NO_ANSWER,NOT_SMTP"));

        String html = viewer.get("api/scans/" + second + "/diff.html").body();
        assertThat(html).contains("changes since scan " + first, "127.0.76.3:2525", "NO_LONGER_ANSWERING");
        String report = viewer.get("api/scans/" + second + "/report").body();
        assertThat(report).contains("<h2>Changes since scan " + first + "</h2>", "<td>NEW_RELAY</td><td>127.0.76.3:2525");
        assertThat(viewer.get("api/scans/" + first + "/report").body()).doesNotContain("Changes since scan");

        ScanApi.Reply history = viewer.get("api/hosts/127.0.76.4");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        List<JsonObject> events = history.json().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonNumber("scanId").longValue() == first || e.getJsonNumber("scanId").longValue() == second)
                .toList();
        assertThat(events).extracting(e -> e.getJsonNumber("scanId").longValue() + " " + e.getString("kind"))
                .containsExactly(second + " scan-no-answer", first + " scan-verdict");
        assertThat(events.get(1).getString("verdict")).isEqualTo("SECURED");
        assertThat(events.get(1).getInt("port")).isEqualTo(2525);

        // Notices about the relay (recorded whether or not a mail server took them) share its history.
        JsonObject relayHistory = viewer.get("api/hosts/127.0.76.2").json();
        assertThat(relayHistory.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("kind").equals("scan-verdict")))
                .extracting(e -> e.getJsonNumber("scanId").longValue() + " " + e.getString("verdict"))
                .containsExactly(second + " SECURED", first + " " + firstVerdict(viewer, first, "127.0.76.2"));
        JsonObject newestOnly = viewer.get("api/hosts/127.0.76.2?limit=1").json();
        assertThat(newestOnly.getJsonArray("events")).hasSize(1);
        assertThat(newestOnly.getBoolean("more")).isTrue();

        ScanApi.Reply noBase = viewer.get("api/scans/" + first + "/diff");
        assertThat(noBase.status()).as(noBase.body()).isEqualTo(409);
        assertThat(noBase.json().getString("message")).contains("no base scan", "?against=ID");
    }

    @Test
    void badRequestsGetAClearAnswer() throws Exception {
        ScanApi viewer = new ScanApi(base.toURI(), TestUsers.VIEWER);
        assertError(viewer.get("api/scans/987654321/diff"), 404, "there is no scan 987654321");
        assertError(viewer.get("api/scans/987654321/diff.csv"), 404, "there is no scan 987654321");
        assertError(viewer.get("api/hosts/mail.example.com"), 400, "not one IP address");
        assertError(viewer.get("api/hosts/127.0.76.300"), 400, "127.0.76.300");
        assertError(viewer.get("api/hosts/127.0.76.1?limit=0"), 400, "limit");
        assertError(viewer.get("api/scans/1/diff?against=abc"), 400, "not a scan id");
        assertError(viewer.get("api/scans/1/diff?category=UNCHANGED"), 400, "category");
        assertThat(viewer.get("api/hosts/::1").status()).isEqualTo(200);
        assertThat(viewer.as(null).get("api/hosts/127.0.76.1").status()).isEqualTo(401);
    }

    private static void assertError(ScanApi.Reply reply, int status, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("message")).contains(message);
    }

    private static String verdictOf(Map<String, JsonObject> changes, String address) {
        return changes.get(address).getJsonObject("after").getString("verdict");
    }

    private static String firstVerdict(ScanApi api, long scan, String address) {
        return api.get("api/scans/" + scan + "/hosts?limit=100").array().getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("address").equals(address)).findFirst().orElseThrow().getString("verdict");
    }

    private static long scan(ScanApi api, String exclude) throws InterruptedException {
        long id = api.startScan("""
                {"targets": "%s", "exclude": "%s", "ports": "2525", "profile": "quick",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 1500, "hostBudgetMs": 20000,
                             "confirmationWindowMs": 6000, "partitions": 2}}""".formatted(TARGETS, exclude));
        assertThat(api.awaitEnd(id, Duration.ofMinutes(3), false).getString("status")).isEqualTo("COMPLETED");
        return id;
    }

    private static Lab lab(Map<String, Personality> hosts) throws Exception {
        Lab.Builder builder = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT));
        hosts.forEach(builder::host);
        return builder.start();
    }
}
