package org.smtprc.it;

import jakarta.json.JsonObject;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope guard holds on every connection, not only when a scan is planned: a scan stopped part-way, whose
 * remaining addresses are then taken out of the authorised networks, is restarted and reaches none of them. They
 * get OUT_OF_SCOPE, the rest their usual verdicts, and the restart's audit entry says how many will be skipped.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScopeOnEveryConnectionIT {

    private static final String SCOPE = "127.0.0.0/8, ::1";
    /** Everything of the default scope but the lab's upper half, 127.0.60.8-15; loopback and the receiver stay. */
    private static final String NARROWED = "127.0.0.0-127.0.60.7, 127.0.60.16-127.255.255.255, ::1";
    private static final int HOSTS = 16;
    private static final int FIRST_EXCLUDED = 8;
    /** One block, small chunks: the scan commits a host pair at a time, in address order. */
    private static final String REQUEST = """
            {"targets": "127.0.60.0/28", "ports": "%s", "profile": "quick",
             "options": {"partitions": 1, "chunkSize": 2, "connectTimeoutMs": 1000, "commandTimeoutMs": 5000,
                         "confirmationWindowMs": 0, "greylistRetryMs": 0}}""".formatted(SmtpRcDeployment.LAB_PORT);

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
                // slow enough that the scan can be stopped before it reaches the upper half
                .replyDelay(Duration.ofMillis(150))
                .hosts("127.0.60.0/28", Personality.CLOSED)
                .start();
    }

    @AfterEach
    void restoreScopeAndStopLab() {
        try {
            assertThat(api.put("api/scope", "{\"networks\": \"" + SCOPE + "\"}").status()).isEqualTo(200);
        } finally {
            lab.close();
        }
    }

    @Test
    void aRestartAfterTheScopeWasNarrowedConnectsToNothingOutsideIt() throws Exception {
        long id = api.startScan(REQUEST);
        awaitFirstChunk(id);
        assertThat(api.post("api/scans/" + id + "/stop", "").status()).isEqualTo(200);
        JsonObject stopped = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(stopped.getString("status")).isEqualTo("STOPPED");
        long doneAtStop = stopped.getJsonObject("progress").getJsonNumber("done").longValue();
        assertThat(doneAtStop).as("endpoints done when stopped").isBetween(1L, (long) FIRST_EXCLUDED);

        assertThat(api.put("api/scope", "{\"networks\": \"" + NARROWED + "\"}").status()).isEqualTo(200);
        Map<String, Integer> excludedContacts = new HashMap<>();
        for (int i = FIRST_EXCLUDED; i < HOSTS; i++) {
            excludedContacts.put(address(i), lab.connections(address(i)));
        }
        assertThat(excludedContacts.values()).as("the upper half was not reached before the stop").containsOnly(0);

        ScanApi.Reply restart = api.post("api/scans/" + id + "/restart", "");
        assertThat(restart.status()).isEqualTo(200);
        String note = "8 of " + (HOSTS - doneAtStop)
                + " addresses left to probe are outside the authorised networks now and will be skipped";
        assertThat(restart.json().getString("statusDetail")).contains(note);
        JsonObject done = awaitCompleted(id);

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        for (int i = FIRST_EXCLUDED; i < HOSTS; i++) {
            assertThat(lab.connections(address(i))).as("connections to %s after the narrowing", address(i))
                    .isEqualTo(excludedContacts.get(address(i)));
        }
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts?limit=1000").array()
                .getValuesAs(JsonObject.class);
        assertThat(hosts).hasSize(HOSTS);
        Map<String, JsonObject> byAddress = hosts.stream()
                .collect(Collectors.toMap(h -> h.getString("address"), Function.identity()));
        assertThat(byAddress).hasSize(HOSTS);
        for (int i = 0; i < HOSTS; i++) {
            JsonObject host = byAddress.get(address(i));
            if (i < FIRST_EXCLUDED) {
                assertThat(host.getString("verdict")).as(address(i)).isEqualTo("SECURED");
            } else {
                assertThat(host.getString("verdict")).as(address(i)).isEqualTo("OUT_OF_SCOPE");
                assertThat(host.getString("detail")).isEqualTo("not connected: " + address(i)
                        + " is outside the authorised networks 127.0.0.0-127.0.60.7, 127.0.60.16-127.255.255.255, ::1");
            }
        }
        JsonObject counts = done.getJsonObject("counts");
        assertThat(counts.getInt("SECURED")).isEqualTo(8);
        assertThat(counts.getInt("OUT_OF_SCOPE")).isEqualTo(8);
        assertThat(api.get("api/scans/" + id + "/report").body())
                .contains("skipped: out of scope when it was due", address(FIRST_EXCLUDED));
        assertThat(api.get("api/scans/" + id + "/report.csv").body().lines()
                .filter(line -> line.contains("skipped: out of scope when it was due")))
                .hasSize(8);

        List<JsonObject> audit = api.get("api/audit?scan=" + id).array().getValuesAs(JsonObject.class);
        assertThat(audit).filteredOn(e -> e.getString("action").equals("SCAN_RESTARTED"))
                .singleElement()
                .satisfies(e -> assertThat(e.getString("detail")).contains(note));
    }

    private static String address(int host) {
        return "127.0.60." + host;
    }

    /** Waits until the block has committed its first chunk, and not yet the whole lab. */
    private void awaitFirstChunk(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            long done = api.scan(id).getJsonObject("progress").getJsonNumber("done").longValue();
            if (done > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("scan " + id + " committed nothing: " + api.scan(id));
    }

    /** Only COMPLETED or FAILED end the wait: right after a restart the scan may still show the stop for a moment. */
    private JsonObject awaitCompleted(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonObject scan = api.scan(id);
            if (scan.getString("status").equals("COMPLETED") || scan.getString("status").equals("FAILED")) {
                return scan;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("restarted scan " + id + " did not complete: " + api.scan(id));
    }
}
