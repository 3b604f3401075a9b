package org.smtprc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A real scan of a small lab network on the real WildFly: every host gets its verdict, relays are proven. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RelayScanIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private Lab lab;
    private ScanApi api;

    @BeforeEach
    void startLab() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                .host("127.0.1.1", Personality.OPEN_RELAY)
                .host("127.0.1.2", Personality.CLOSED)
                .host("127.0.1.3", Personality.SILENT)
                .host("127.0.1.5", Personality.OPEN_RELAY_ANONYMOUS)
                .host("127.0.1.6", Personality.GREETING_554)
                .host("127.0.1.7", Personality.NOT_SMTP)
                .host("127.0.1.8", Personality.PERCENT_HACK)
                .host("127.0.1.9", Personality.ACCEPT_THEN_DROP)
                .host("127.0.1.10", Personality.GREETING_421)
                .host("127.0.1.11", Personality.AUTH_REQUIRED)
                .host("127.0.1.12", Personality.GREYLIST)
                .host("127.0.1.13", Personality.HELO_ONLY)
                .host("127.0.1.14", Personality.MULTILINE)
                .start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void scansALabNetworkAndProvesItsOpenRelays() throws Exception {
        long id = api.startScan("""
                {"targets": "127.0.1.0/28", "ports": "2525", "profile": "full",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 1500, "hostBudgetMs": 30000,
                             "confirmationWindowMs": 8000, "recordUnresponsive": true, "partitions": 4,
                             "greylistRetryMs": 1000}}""");

        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(3), false);

        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        Map<String, String> verdicts = verdictsByAddress(id);
        assertThat(verdicts).containsEntry("127.0.1.1", "CONFIRMED_RELAY")
                .containsEntry("127.0.1.2", "SECURED")
                .containsEntry("127.0.1.3", "NO_GREETING")
                .containsEntry("127.0.1.4", "REFUSED")
                .containsEntry("127.0.1.5", "ANONYMOUS_RELAY")
                .containsEntry("127.0.1.6", "REJECTED_AT_GREETING")
                .containsEntry("127.0.1.7", "NOT_SMTP")
                .containsEntry("127.0.1.8", "CONFIRMED_RELAY")
                .containsEntry("127.0.1.9", "ACCEPTS_RELAY")
                .containsEntry("127.0.1.10", "TEMPORARILY_UNAVAILABLE")
                .containsEntry("127.0.1.11", "REQUIRES_AUTH")
                .containsEntry("127.0.1.12", "CONFIRMED_RELAY")
                .containsEntry("127.0.1.13", "SECURED")
                .containsEntry("127.0.1.14", "SECURED")
                .containsEntry("127.0.1.0", "REFUSED")
                .containsEntry("127.0.1.15", "REFUSED")
                .hasSize(16);

        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY")).isEqualTo(3);
        assertThat(counts.getInt("ANONYMOUS_RELAY")).isEqualTo(1);
        assertThat(counts.getInt("REFUSED")).isEqualTo(3);
        assertThat(counts.getInt("SECURED")).isEqualTo(3);
        JsonObject progress = scan.getJsonObject("progress");
        assertThat(progress.getJsonNumber("done").longValue()).isEqualTo(16);
        assertThat(progress.getJsonNumber("total").longValue()).isEqualTo(16);

        JsonObject percentHack = hostsWithVerdict(id, "CONFIRMED_RELAY").stream()
                .filter(h -> h.getString("address").equals("127.0.1.8")).findFirst().orElseThrow();
        var confirmedForms = percentHack.getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL)
                .map(t -> t.getString("form")).toList();
        assertThat(confirmedForms).isNotEmpty().allMatch(form -> form.contains("percent"));

        String report = api.get("api/scans/" + id + "/report").body();
        assertThat(report).contains("127.0.1.1:2525", "127.0.1.8:2525");
        assertThat(report.indexOf("127.0.1.5:2525")).isLessThan(report.indexOf("127.0.1.2:2525"));

        hostsAreSortedByTheServerAcrossPages(id);
    }

    /** The scan's 16 hosts, read in small pages: each order holds across pages, with no host twice or missing. */
    private void hostsAreSortedByTheServerAcrossPages(long id) {
        List<String> numeric = IntStream.range(0, 16).mapToObj(i -> "127.0.1." + i).toList();
        assertThat(addresses(id, "sort=address", 5)).containsExactlyElementsOf(numeric);
        assertThat(addresses(id, "sort=-address", 5)).containsExactlyElementsOf(numeric.reversed());
        assertThat(addresses(id, "verdict=REFUSED&sort=address", 2))
                .containsExactly("127.0.1.0", "127.0.1.4", "127.0.1.15");
        // the default is the report's order, most urgent first, hosts of one verdict by address
        List<String> byVerdict = addresses(id, "sort=verdict", 3);
        assertThat(byVerdict).hasSize(16).startsWith("127.0.1.5", "127.0.1.1", "127.0.1.8", "127.0.1.12", "127.0.1.9")
                .isEqualTo(addresses(id, "", 1000));
        assertThat(addresses(id, "sort=-verdict", 3)).startsWith("127.0.1.0", "127.0.1.4", "127.0.1.15", "127.0.1.3")
                .endsWith("127.0.1.5");
        List<String> slowestFirst = addresses(id, "sort=-durationMs", 4);
        assertThat(slowestFirst).containsExactlyInAnyOrderElementsOf(numeric)
                .isEqualTo(addresses(id, "sort=-durationMs", 1000));

        ScanApi.Reply unknown = api.get("api/scans/" + id + "/hosts?sort=severity");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("message")).startsWith("sort \"severity\" is unknown")
                .contains("verdict, address, port, banner, durationMs, probedAt");
    }

    private List<String> addresses(long id, String query, int pageSize) {
        List<String> addresses = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            List<JsonObject> page = api.get("api/scans/" + id + "/hosts?" + query + "&offset=" + offset + "&limit="
                    + pageSize).array().getValuesAs(JsonObject.class);
            page.forEach(host -> addresses.add(host.getString("address")));
            if (page.size() < pageSize) {
                return addresses;
            }
        }
    }

    @Test
    void refusesOutOfScopeAndMalformedTargetsWithoutCreatingAScan() {
        int before = api.get("api/scans?limit=1000").array().size();

        ScanApi.Reply outOfScope = api.post("api/scans", "{\"targets\": \"127.0.1.0/30, 192.0.2.0/29\"}");
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.json().getString("message")).contains("192.0.2.0/29").contains("127.0.0.0/8");

        ScanApi.Reply malformed = api.post("api/scans", "{\"targets\": \"127.0.1.300\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("message")).contains("127.0.1.300");

        ScanApi.Reply badPort = api.post("api/scans", "{\"targets\": \"127.0.1.1\", \"ports\": \"70000\"}");
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.json().getString("message")).contains("70000");

        ScanApi.Reply badProfile = api.post("api/scans", "{\"targets\": \"127.0.1.1\", \"profile\": \"../../etc/passwd\"}");
        assertThat(badProfile.status()).isEqualTo(400);

        assertThat(api.get("api/scans?limit=1000").array()).hasSize(before);
        assertThat(lab.connections("127.0.1.1")).isZero();
    }

    private Map<String, String> verdictsByAddress(long id) {
        Map<String, String> verdicts = new HashMap<>();
        for (JsonObject host : api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class)) {
            verdicts.put(host.getString("address"), host.getString("verdict"));
        }
        return verdicts;
    }

    private java.util.List<JsonObject> hostsWithVerdict(long id, String verdict) {
        return api.get("api/scans/" + id + "/hosts?verdict=" + verdict).array().getValuesAs(JsonObject.class);
    }
}
