package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.api.CrossSiteRequestGuard;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Re-checks on the real WildFly: a scan's proven relays are probed again after the delay (set short here through a
 * system property, as an operator would), as a scan of their own that tries the forms they accepted first; a relay
 * closed meanwhile is recorded fixed, one left open still relaying and flagged. An operator re-checks on demand.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecheckIT {

    private static final String CLOSED_LATER = "127.0.72.1";
    private static final String LEFT_OPEN = "127.0.72.2";
    private static final String UNPROVEN = "127.0.72.10";
    private static final String OUT_OF_SCOPE_LATER = "127.0.73.20";
    private static final Duration DELAY = Duration.ofSeconds(20);
    private static final String SCOPE = "127.0.0.0/8, ::1";
    private static final String NARROWED = "127.0.0.0-127.0.73.19, 127.0.73.21-127.255.255.255, ::1";
    private static final String OPTIONS = """
            "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 1500, "hostBudgetMs": 30000,
                        "confirmationWindowMs": %d, "partitions": 1}""";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private ScanApi api;
    private ServerProperties properties;
    private final List<Lab> labs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        properties = new ServerProperties(management.getControllerClient());
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            properties.close();
            assertThat(api.put("api/scope", "{\"networks\": \"" + SCOPE + "\"}").status()).isEqualTo(200);
        } finally {
            labs.forEach(Lab::close);
        }
    }

    @Test
    void aRelayClosedBeforeTheRecheckIsFixedAndOneLeftOpenStillRelaysAndIsFlagged() throws Exception {
        properties.set("smtprc.recheck.delay-ms", Long.toString(DELAY.toMillis()));
        Lab closing = lab(CLOSED_LATER, Personality.BANG_PATH);
        lab(LEFT_OPEN, Personality.PERCENT_HACK);

        long id = scan(CLOSED_LATER + "-" + LEFT_OPEN, 8000);
        Instant completed = Instant.now();

        assertThat(verdicts(id)).containsEntry(CLOSED_LATER, "CONFIRMED_RELAY").containsEntry(LEFT_OPEN,
                "CONFIRMED_RELAY");
        JsonObject pending = onlyRecheckOf(id);
        assertThat(pending.getString("state")).isEqualTo("PENDING");
        assertThat(pending.getBoolean("automatic")).isTrue();
        assertThat(Instant.parse(pending.getString("dueAt"))).isAfter(completed.plus(DELAY).minusSeconds(5));

        closing.close();
        labs.remove(closing);
        lab(CLOSED_LATER, Personality.CLOSED);
        assertThat(onlyRecheckOf(id).getString("state")).as("not started before its time").isEqualTo("PENDING");

        JsonObject recheck = awaitConcluded(id, Duration.ofMinutes(3));
        long recheckScan = recheck.getJsonNumber("recheckScanId").longValue();
        assertThat(Instant.parse(recheck.getString("startedAt"))).isAfter(completed.plus(DELAY).minusSeconds(5));
        assertThat(api.scan(recheckScan).getJsonNumber("recheckOf").longValue()).isEqualTo(id);
        assertThat(api.scan(recheckScan).getString("status")).isEqualTo("COMPLETED");

        Map<String, JsonObject> hosts = byAddress(recheck);
        assertThat(hosts).containsOnlyKeys(CLOSED_LATER, LEFT_OPEN);
        assertThat(hosts.get(CLOSED_LATER).getString("outcome")).isEqualTo("FIXED");
        assertThat(hosts.get(CLOSED_LATER).getString("recheckVerdict")).isEqualTo("SECURED");
        assertThat(hosts.get(CLOSED_LATER).getBoolean("flagged")).isFalse();
        assertThat(hosts.get(LEFT_OPEN).getString("outcome")).isEqualTo("STILL_RELAYING");
        assertThat(hosts.get(LEFT_OPEN).getString("recheckVerdict")).isEqualTo("CONFIRMED_RELAY");
        assertThat(hosts.get(LEFT_OPEN).getBoolean("flagged")).isTrue();
        assertThat(recheck.getJsonObject("outcomes").getInt("FIXED")).isEqualTo(1);
        assertThat(recheck.getJsonObject("outcomes").getInt("STILL_RELAYING")).isEqualTo(1);
        // The conclusion reaches the notices: the fixed host's owner is told, the one still relaying escalated (no
        // owner network covers the lab here, so both go to the operator; recorded whether or not a mail server took them).
        String port = ":" + SmtpRcDeployment.LAB_PORT;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonObject> notices = api.get("api/notices?scan=" + recheckScan).array().getValuesAs(JsonObject.class);
            assertThat(notices).anySatisfy(n -> {
                assertThat(n.getString("kind")).isEqualTo("FIXED");
                assertThat(n.getJsonNumber("aboutScanId").longValue()).isEqualTo(id);
                assertThat(n.getJsonArray("hosts").getValuesAs(jakarta.json.JsonString.class))
                        .extracting(jakarta.json.JsonString::getString).containsExactly(CLOSED_LATER + port);
            });
            assertThat(notices).anySatisfy(n -> {
                assertThat(n.getString("kind")).isEqualTo("ESCALATION");
                assertThat(n.getJsonArray("hosts").getValuesAs(jakarta.json.JsonString.class))
                        .extracting(jakarta.json.JsonString::getString).containsExactly(LEFT_OPEN + port);
            });
        });
        assertThat(api.get("api/hosts/" + CLOSED_LATER).json().getJsonArray("events").getValuesAs(JsonObject.class))
                .as("the re-check is part of the host's history")
                .anySatisfy(e -> {
                    assertThat(e.getString("kind")).isEqualTo("recheck");
                    assertThat(e.getJsonNumber("scanId").longValue()).isEqualTo(recheckScan);
                    assertThat(e.getString("verdict")).isEqualTo("SECURED");
                    assertThat(e.getJsonObject("facts").getString("outcome")).isEqualTo("FIXED");
                    assertThat(e.getJsonObject("facts").getJsonNumber("recheckOf").longValue()).isEqualTo(id);
                });

        // The forms the relays accepted (bang-ip, percent-ip) were tried first, in the profile's order.
        assertThat(recheck.getJsonArray("formsFirst").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("bang-ip", "percent-ip");
        assertThat(forms(recheckScan, LEFT_OPEN)).startsWith("percent-ip", "bang-ip").hasSize(6);
        assertThat(forms(id, LEFT_OPEN).getFirst()).isEqualTo("plain");

        assertThat(api.get("api/rechecks/flagged").array().getValuesAs(JsonObject.class))
                .anySatisfy(h -> {
                    assertThat(h.getString("address")).isEqualTo(LEFT_OPEN);
                    assertThat(h.getJsonNumber("originalHostId").longValue())
                            .isEqualTo(hosts.get(LEFT_OPEN).getJsonNumber("originalHostId").longValue());
                });
        assertThat(api.as(TestUsers.VIEWER).get("api/rechecks").array().getValuesAs(JsonObject.class))
                .anySatisfy(r -> assertThat(r.getJsonNumber("id").longValue())
                        .isEqualTo(recheck.getJsonNumber("id").longValue()));
        assertThat(audit(id)).contains("RECHECK_SCHEDULED", "RECHECK_STARTED", "RECHECK_CONCLUDED");

        // A re-check scan schedules no re-check of its own, though it found a proven relay.
        assertThat(api.get("api/scans/" + recheckScan + "/recheck").array()).isEmpty();
        assertThat(api.get("api/scans/" + id + "/recheck").array()).hasSize(1);
    }

    @Test
    void anOperatorRechecksOnDemandAViewerMayNotAndBadRequestsChangeNothing() throws Exception {
        properties.set("smtprc.recheck.delay-ms", "3600000");
        lab(UNPROVEN, Personality.ACCEPT_THEN_DROP);
        long id = scan(UNPROVEN, 1000);
        assertThat(verdicts(id)).containsEntry(UNPROVEN, "ACCEPTS_RELAY");
        String path = "api/scans/" + id + "/recheck";
        assertThat(api.get(path).array()).as("an unproven relay gets no automatic re-check").isEmpty();
        int connections = labs.getFirst().connections(UNPROVEN);

        ScanApi.Reply viewer = api.as(TestUsers.VIEWER).post(path, "{\"verdicts\": [\"ACCEPTS_RELAY\"]}");
        ScanApi.Reply unknown = api.post(path, "{\"verdicts\": [\"OPEN\"]}");
        ScanApi.Reply malformed = api.post(path, "{\"verdicts\": ");
        ScanApi.Reply notARelay = api.post(path, "{\"verdicts\": [\"SECURED\"]}");
        ScanApi.Reply noProvenRelay = api.send("POST", path, Map.of(CrossSiteRequestGuard.HEADER, "1"), null);
        ScanApi.Reply noScan = api.post("api/scans/987654321/recheck", "{}");
        ScanApi.Reply form = api.send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "verdicts=ACCEPTS_RELAY");

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("message")).contains("unknown verdict", "OPEN", "ACCEPTS_RELAY");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("message")).contains("not the JSON");
        assertThat(notARelay.status()).isEqualTo(400);
        assertThat(notARelay.json().getString("message")).contains("SECURED is not a relay");
        assertThat(noProvenRelay.status()).isEqualTo(409);
        assertThat(noProvenRelay.json().getString("message")).contains("no host found CONFIRMED_RELAY");
        assertThat(noScan.status()).isEqualTo(404);
        assertThat(form.status()).isEqualTo(403);
        assertThat(api.get(path).array()).as("nothing changed").isEmpty();
        assertThat(labs.getFirst().connections(UNPROVEN)).isEqualTo(connections);

        ScanApi.Reply started = api.post(path, "{\"verdicts\": [\"accepts_relay\"]}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonObject recheck = started.json();
        assertThat(recheck.getString("state")).isEqualTo("STARTED");
        assertThat(recheck.getBoolean("automatic")).isFalse();
        assertThat(recheck.getString("requestedBy")).isEqualTo(TestUsers.OPERATOR.name());
        assertThat(recheck.getJsonArray("hosts").getValuesAs(JsonObject.class)).singleElement()
                .satisfies(h -> assertThat(absent(h, "outcome")).as("judged later").isTrue());

        JsonObject concluded = awaitConcluded(id, Duration.ofMinutes(2));
        assertThat(byAddress(concluded).get(UNPROVEN).getString("outcome")).isEqualTo("STILL_RELAYING");
        assertThat(audit(id)).contains("RECHECK_REQUESTED", "RECHECK_STARTED", "RECHECK_CONCLUDED");
    }

    @Test
    void aRecheckTheScopeNoLongerAllowsIsRecordedFailedWithTheReason() throws Exception {
        lab(OUT_OF_SCOPE_LATER, Personality.OPEN_RELAY);
        properties.set("smtprc.recheck.delay-ms", "3600000");
        long id = scan(OUT_OF_SCOPE_LATER, 8000);
        assertThat(verdicts(id)).containsEntry(OUT_OF_SCOPE_LATER, "CONFIRMED_RELAY");
        int connections = labs.getFirst().connections(OUT_OF_SCOPE_LATER);
        assertThat(api.put("api/scope", "{\"networks\": \"" + NARROWED + "\"}").status()).isEqualTo(200);

        ScanApi.Reply refused = api.post("api/scans/" + id + "/recheck", "{}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("message")).contains(OUT_OF_SCOPE_LATER);
        JsonObject failed = api.get("api/scans/" + id + "/recheck").array().getValuesAs(JsonObject.class).stream()
                .filter(r -> !r.getBoolean("automatic")).findFirst().orElseThrow();
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("detail")).contains("refused", OUT_OF_SCOPE_LATER);
        assertThat(absent(failed, "recheckScanId")).isTrue();
        assertThat(audit(id)).contains("RECHECK_FAILED");
        assertThat(labs.getFirst().connections(OUT_OF_SCOPE_LATER)).isEqualTo(connections);
    }

    private Lab lab(String address, Personality personality) throws Exception {
        Lab lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                .host(address, personality)
                .start();
        labs.add(lab);
        return lab;
    }

    private long scan(String targets, int confirmationWindowMs) throws InterruptedException {
        long id = api.startScan("{\"targets\": \"" + targets + "\", \"ports\": \"" + SmtpRcDeployment.LAB_PORT
                + "\", \"profile\": \"quick\", " + OPTIONS.formatted(confirmationWindowMs) + "}");
        assertThat(api.awaitEnd(id, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
        return id;
    }

    private JsonObject onlyRecheckOf(long id) {
        return api.get("api/scans/" + id + "/recheck").array().getValuesAs(JsonObject.class).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one re-check of scan " + id);
                }).orElseThrow(() -> new AssertionError("no re-check of scan " + id));
    }

    private JsonObject awaitConcluded(long id, Duration limit) {
        JsonObject[] concluded = new JsonObject[1];
        await("re-check of scan " + id + " concluded").atMost(limit).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    concluded[0] = onlyRecheckOf(id);
                    assertThat(concluded[0].getString("state")).isEqualTo("CONCLUDED");
                });
        return concluded[0];
    }

    private Map<String, String> verdicts(long id) {
        Map<String, String> verdicts = new HashMap<>();
        for (JsonObject host : api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class)) {
            verdicts.put(host.getString("address"), host.getString("verdict"));
        }
        return verdicts;
    }

    private static Map<String, JsonObject> byAddress(JsonObject recheck) {
        Map<String, JsonObject> hosts = new HashMap<>();
        recheck.getJsonArray("hosts").getValuesAs(JsonObject.class).forEach(h -> hosts.put(h.getString("address"), h));
        return hosts;
    }

    private List<String> forms(long scanId, String address) {
        return api.get("api/scans/" + scanId + "/hosts").array().getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("address").equals(address)).findFirst().orElseThrow()
                .getJsonArray("tests").getValuesAs(JsonObject.class).stream().map(t -> t.getString("form")).toList();
    }

    /** The API leaves out null fields. */
    private static boolean absent(JsonObject object, String field) {
        return !object.containsKey(field) || object.isNull(field);
    }

    private List<String> audit(long scanId) {
        return api.get("api/audit?scan=" + scanId).array().getValuesAs(JsonObject.class).stream()
                .map(a -> a.getString("action")).toList();
    }
}
