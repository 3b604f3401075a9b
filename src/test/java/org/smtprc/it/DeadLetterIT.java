package org.smtprc.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail that meets an outage fails every delivery and ends in the dead-letter queue, where the API shows it with
 * the reason; once the cause is gone, an operator retries it and it proves its relay. The outage here is real: the
 * proof token key is taken out of the credential store and the server reloaded, so the matching bean cannot judge
 * anything (as after restoring a server without its credential store); the key is put back afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeadLetterIT {

    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    private static final byte[] CAPTURE_SERVER = {127, 0, 40, 1};
    private static final int CAPTURE_PORT = 3025;
    private static final String RELAY = "127.0.40.10";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The relay hands its probe message here, so the test delivers it to the receiver during the outage. */
    @RegisterExtension
    static final GreenMailExtension CAPTURE = new GreenMailExtension(
            new ServerSetup(CAPTURE_PORT, "127.0.40.1", ServerSetup.PROTOCOL_SMTP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    @Test
    void mailThatMetAnOutageIsADeadLetterUntilAnOperatorRetriesIt() throws Exception {
        ScanApi api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        long scanId;
        String probeMessage;
        try (Lab lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(CAPTURE_SERVER), CAPTURE_PORT))
                .host(RELAY, Personality.OPEN_RELAY).start()) {
            scanId = api.startScan("""
                    {"targets": "%s", "ports": "%s", "profile": "quick",
                     "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": 1000}}"""
                    .formatted(RELAY, SmtpRcDeployment.LAB_PORT));
            assertThat(api.awaitEnd(scanId, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
            assertThat(CAPTURE.waitForIncomingEmail(PATIENCE.toMillis(), 1)).as("the relay's probe message").isTrue();
            probeMessage = GreenMailUtil.getWholeMessage(CAPTURE.getReceivedMessages()[0]);
        }
        assertThat(host(api, scanId).getString("verdict")).isEqualTo("ACCEPTS_RELAY");

        TokenKeyStore key = TokenKeyStore.export(management);
        String sender = "relay-" + UUID.randomUUID() + "@example.org";
        JsonObject dead;
        try {
            key.remove();
            ServerReload.reloadAndWait(management.getControllerClient());
            await("SmtpRC back after the reload").atMost(PATIENCE).ignoreException(IllegalStateException.class)
                    .until(() -> api.get("api/dead-letters").status() == 200);
            assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, sender, PROBE_MAILBOX, probeMessage))
                    .startsWith("250");
            long accepted = System.nanoTime();
            dead = await("a dead letter from " + sender).atMost(PATIENCE)
                    .until(() -> deadLetterFrom(api, sender), Optional::isPresent).orElseThrow();
            System.out.printf("relayed mail during the outage: a dead letter %d ms after the receiver's 250%n",
                    (System.nanoTime() - accepted) / 1_000_000);
        } finally {
            key.restore();
        }

        assertThat(dead.getJsonNumber("deliveryCount").intValue()).isEqualTo(5);
        assertThat(dead.getJsonNumber("sizeBytes").longValue()).isGreaterThan(probeMessage.length() / 2);
        assertThat(dead.getJsonArray("recipients").getString(0)).isEqualTo(PROBE_MAILBOX);
        assertThat(dead.getString("peer")).isEqualTo("127.0.0.1");
        assertThat(dead.getString("reason")).contains("proof token key is missing");
        assertThat(dead.getString("receivedAt")).isNotEmpty();
        assertThat(api.get("api/quarantine?limit=1000").array().getValuesAs(JsonObject.class))
                .as("quarantined instead").noneMatch(q -> sender.equals(q.getString("mailFrom", null)));
        String id = dead.getString("id");

        assertThat(api.as(TestUsers.VIEWER).post("api/dead-letters/" + id + "/retry", "{}").status())
                .as("a viewer retrying").isEqualTo(403);
        assertThat(api.post("api/dead-letters/" + UUID.randomUUID() + "/retry", "{}").status())
                .as("an unknown dead letter").isEqualTo(404);
        long retriedAt = System.nanoTime();
        ScanApi.Reply retried = api.post("api/dead-letters/" + id + "/retry", "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().getString("id")).isEqualTo(id);

        JsonObject host = await("the relay proven").atMost(PATIENCE).until(() -> host(api, scanId),
                h -> List.of("CONFIRMED_RELAY", "ANONYMOUS_RELAY").contains(h.getString("verdict")));
        System.out.printf("retried dead letter: the relay proven %d ms after the retry was asked for%n",
                (System.nanoTime() - retriedAt) / 1_000_000);
        assertThat(host.getJsonArray("tests").getValuesAs(JsonObject.class))
                .anyMatch(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL);
        assertThat(deadLetterFrom(api, sender)).as("still a dead letter").isEmpty();
        assertThat(api.post("api/dead-letters/" + id + "/retry", "{}").status()).as("retried twice").isEqualTo(404);
        assertThat(api.get("api/audit?limit=20").array().getValuesAs(JsonObject.class))
                .anySatisfy(entry -> {
                    assertThat(entry.getString("action")).isEqualTo("DEAD_LETTER_RETRIED");
                    assertThat(entry.getString("actor")).isEqualTo(TestUsers.OPERATOR.name());
                    assertThat(entry.getString("detail")).contains(id).contains(sender);
                });
    }

    private static Optional<JsonObject> deadLetterFrom(ScanApi api, String sender) {
        ScanApi.Reply reply = api.get("api/dead-letters?limit=1000");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.array().getValuesAs(JsonObject.class).stream()
                .filter(letter -> sender.equals(letter.getString("mailFrom", null))).findFirst();
    }

    private static JsonObject host(ScanApi api, long scanId) {
        return api.get("api/scans/" + scanId + "/hosts").array().getValuesAs(JsonObject.class).getFirst();
    }
}
