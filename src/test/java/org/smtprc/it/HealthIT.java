package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The readiness endpoint on the management interface says DOWN, with the reason, while each thing SmtpRC needs is
 * really away, and UP again once it is back; liveness stays UP throughout. Each test brings its outage about on the
 * real server and undoes it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> READINESS = List.of("smtp-receiver", "proof-token-key", "database", "inbound-queue");
    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    /** Where this test's junk mail comes from (the receiver counts and limits by client address). */
    private static final byte[] SENDER = {127, 0, 78, 20};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    ManagementClient management;

    record Health(int status, JsonObject body) {
        JsonObject check(String name) {
            return body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> name.equals(check.getString("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
        }

        boolean isDown(String name) {
            return "DOWN".equals(check(name).getString("status"));
        }

        String reason(String name) {
            return check(name).getJsonObject("data").getString("reason");
        }
    }

    @Test
    void readyAndAliveWhenAllIsWell() throws Exception {
        Health ready = await("ready").atMost(PATIENCE).until(() -> health("ready"), h -> h.status() == 200);
        assertThat(ready.body().getString("status")).isEqualTo("UP");
        for (String name : READINESS) {
            assertThat(ready.check(name).getString("status")).as(name).isEqualTo("UP");
        }
        assertThat(ready.check("smtp-receiver").getJsonObject("data").getString("address"))
                .endsWith(":" + SmtpRcDeployment.RECEIVER_PORT);
        assertThat(ready.check("inbound-queue").getJsonObject("data").getJsonNumber("limit").longValue())
                .isEqualTo(10_000);
        assertAlive();
    }

    @Test
    void notReadyWhileTheTokenKeyIsMissingFromTheCredentialStore() throws Exception {
        TokenKeyStore key = TokenKeyStore.export(management);
        try {
            key.remove();
            Health down = awaitDown("proof-token-key");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.reason("proof-token-key")).contains("proof token key is missing", "secrets.cli");
            assertAlive();
        } finally {
            key.restore();
        }
        awaitUp("proof-token-key");
    }

    @Test
    void notReadyWhileTheReceiversPortIsTakenAtDeployment() throws Exception {
        int port = SmtpRcDeployment.RECEIVER_PORT;
        deployment("undeploy");
        try {
            try (ServerSocket taken = new ServerSocket()) {
                taken.setReuseAddress(true);
                taken.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), port));
                deployment("deploy");
                Health down = awaitDown("smtp-receiver");
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.reason("smtp-receiver")).contains("could not start on 127.0.0.1:" + port,
                        "free the port");
                assertAlive();
            }
        } finally {
            deployment("undeploy");
            deployment("deploy");
        }
        awaitUp("smtp-receiver");
    }

    @Test
    void notReadyWhileRelayedMailBacksUpOnThePausedInboundQueue() throws Exception {
        try (ServerProperties properties = new ServerProperties(management.getControllerClient())) {
            properties.set("smtprc.health.max-queued-mail", "3");
            awaitUp("inbound-queue");
            queue("pause");
            try {
                for (int i = 0; i < 5; i++) {
                    assertThat(SmtpTestClient.deliverFrom(InetAddress.getByAddress(SENDER),
                            SmtpRcDeployment.RECEIVER_PORT, "health-" + UUID.randomUUID() + "@example.org",
                            PROBE_MAILBOX, "Subject: backlog " + i + "\r\n\r\nno token here\r\n")).startsWith("250");
                }
                Health down = awaitDown("inbound-queue");
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.check("inbound-queue").getJsonObject("data").getJsonNumber("waiting").longValue())
                        .isEqualTo(5);
                assertThat(down.reason("inbound-queue")).contains("5 relayed mails wait", "max-queued-mail (3)");
                assertAlive();
            } finally {
                queue("resume");
            }
            Health up = awaitUp("inbound-queue");
            assertThat(up.check("inbound-queue").getJsonObject("data").getJsonNumber("waiting").longValue())
                    .isLessThanOrEqualTo(3);
        }
    }

    private void assertAlive() throws Exception {
        Health live = health("live");
        assertThat(live.status()).as("liveness: %s", live.body()).isEqualTo(200);
        assertThat(live.check("smtp-receiver-accepting").getString("status")).isEqualTo("UP");
    }

    private Health awaitDown(String name) {
        return await(name + " DOWN").atMost(PATIENCE).ignoreExceptions()
                .until(() -> health("ready"), h -> h.isDown(name));
    }

    private Health awaitUp(String name) {
        return await(name + " UP").atMost(PATIENCE).ignoreExceptions()
                .until(() -> health("ready"), h -> !h.isDown(name));
    }

    private Health health(String which) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + management.getMgmtAddress() + ":" + management.getMgmtPort() + "/health/"
                + which);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return new Health(response.statusCode(), reader.readObject());
            }
        }
    }

    /** Undeploys or deploys the application, as {@code jboss-cli.sh '/deployment=smtprc.war:undeploy'}. */
    private void deployment(String operation) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "smtprc.war");
        ServerProperties.execute(management.getControllerClient(), op);
    }

    /** Pauses or resumes delivery from the inbound queue to its consumers (the matching bean). */
    private void queue(String operation) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default")
                .add("jms-queue", "SmtpRcInbound");
        ServerProperties.execute(management.getControllerClient(), op);
    }
}
