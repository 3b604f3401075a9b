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

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan of hosts that fight back with time and size, on the real server: each ends within its host budget plus a
 * second with a verdict that says what happened, and the scan is not held up by any of them. The command timeout is
 * longer than the budget, so only the hard deadline can end the dripping and stalling hosts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileHostsIT {

    private static final long BUDGET_MS = 2_000;
    private static final String REQUEST = """
            {"targets": "127.0.25.1-127.0.25.7", "ports": "%s", "profile": "quick",
             "options": {"partitions": 1, "chunkSize": 8, "connectTimeoutMs": 1000, "commandTimeoutMs": 10000,
                         "hostBudgetMs": %d, "confirmationWindowMs": 0, "greylistRetryMs": 0}}"""
            .formatted(SmtpRcDeployment.LAB_PORT, BUDGET_MS);
    /** What each host is, and what its verdict and detail must say. */
    private static final Map<String, Expected> HOSTS = Map.of(
            "127.0.25.1", new Expected(Personality.TLS_DRIP, "INCONCLUSIVE",
                    "the host time budget of 2,000 ms ran out during the TLS handshake, before the first test"),
            "127.0.25.2", new Expected(Personality.DRIP_FOREVER, "INCONCLUSIVE",
                    "the host time budget of 2,000 ms ran out during EHLO, before the first test"),
            "127.0.25.3", new Expected(Personality.ENDLESS_MULTILINE, "INCONCLUSIVE",
                    "the conversation broke off during EHLO, before the first test: malformed reply: reply has more"
                            + " than 100 lines"),
            "127.0.25.4", new Expected(Personality.HUGE_REPLY, "SECURED", "refused all 6 relay tests (550 5.7.1"),
            "127.0.25.5", new Expected(Personality.STALL_AFTER_DATA, "ACCEPTS_RELAY",
                    "then host time budget of 2,000 ms ran out after 6 of 6 tests, while a probe message was sent"),
            "127.0.25.6", new Expected(Personality.NEVER_READS, "ACCEPTS_RELAY",
                    "then host time budget of 2,000 ms ran out after 6 of 6 tests, while a probe message was sent"),
            "127.0.25.7", new Expected(Personality.CLOSED, "SECURED", "refused all 6 relay tests"));

    private record Expected(Personality personality, String verdict, String detail) {
    }

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
        Lab.Builder builder = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .tarpitDelay(Duration.ofMillis(100)).idleTimeout(Duration.ofSeconds(30));
        HOSTS.forEach((address, expected) -> builder.host(address, expected.personality()));
        lab = builder.start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void everyHostileHostEndsWithinItsBudgetWithAVerdictThatSaysWhatHappened() throws Exception {
        long id = api.startScan(REQUEST);
        JsonObject done = api.awaitEnd(id, Duration.ofMinutes(2), false);

        assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts?limit=100").array()
                .getValuesAs(JsonObject.class);
        Map<String, JsonObject> byAddress = hosts.stream()
                .collect(Collectors.toMap(h -> h.getString("address"), Function.identity()));
        assertThat(byAddress.keySet()).containsExactlyInAnyOrderElementsOf(HOSTS.keySet());
        HOSTS.forEach((address, expected) -> {
            JsonObject host = byAddress.get(address);
            String what = expected.personality().specName() + ": " + host.getString("detail");
            assertThat(host.getString("verdict")).as(what).isEqualTo(expected.verdict());
            assertThat(host.getString("detail")).as(what).contains(expected.detail());
            assertThat(host.getJsonNumber("durationMs").longValue()).as(what).isLessThan(BUDGET_MS + 1_000);
        });
        assertThat(byAddress.get("127.0.25.1").getJsonArray("tests").getJsonObject(0).getString("transcript"))
                .as("the evidence of the dripped handshake").contains("C: STARTTLS",
                        "-- the host time budget of 2,000 ms ran out during the TLS handshake");
    }
}
