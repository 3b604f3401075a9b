package org.smtprc.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the proof path promises besides the plain case (RelayScanIT): late mail still counts (in the API and in the
 * HTML report), mail that proves nothing changes nothing, a message delivered twice counts once, and the receiver
 * is no relay itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundProofIT {

    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    private static final String CAPTURE_SERVER = "127.0.7.2";
    private static final int CAPTURE_PORT = 3026;
    private static final Duration LATE = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Our own sink for relayed probe messages, so a test can deliver them to the receiver when it likes. */
    @RegisterExtension
    static final GreenMailExtension CAPTURE = new GreenMailExtension(
            new ServerSetup(CAPTURE_PORT, CAPTURE_SERVER, ServerSetup.PROTOCOL_SMTP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private ScanApi api;
    private Lab lab;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aRelayThatDeliversAfterTheScanEndedStillBecomesAConfirmedRelay() throws Exception {
        lab = labDeliveringTo(loopback(new byte[]{127, 0, 0, 1}, SmtpRcDeployment.RECEIVER_PORT))
                .lateDelivery(LATE).host("127.0.7.20", Personality.OPEN_RELAY_LATE).start();
        long id = scan("127.0.7.20", 1_000);
        JsonObject ended = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(ended.getString("status")).isEqualTo("COMPLETED");
        assertThat(host(id).getString("verdict")).as("before the late mail").isEqualTo("ACCEPTS_RELAY");
        assertThat(ended.getJsonObject("counts").getInt("ACCEPTS_RELAY")).isEqualTo(1);

        JsonObject host = awaitHost(id, h -> h.getString("verdict").equals("CONFIRMED_RELAY"));

        Instant finished = Instant.parse(ended.getString("finishedAt"));
        assertThat(Instant.parse(host.getString("confirmedAt"))).isAfter(finished);
        assertThat(confirmedTests(host)).isNotEmpty()
                .allSatisfy(t -> assertThat(Instant.parse(t.getString("confirmedAt"))).isAfter(finished));
        JsonObject counts = api.scan(id).getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY")).isEqualTo(1);
        assertThat(counts.containsKey("ACCEPTS_RELAY") ? counts.getInt("ACCEPTS_RELAY") : 0).isZero();

        // the HTML report is made when asked, so it shows the late proof, not the verdict at completion
        String report = api.get("api/scans/" + id + "/report").body();
        String endpoint = "127.0.7.20:" + SmtpRcDeployment.LAB_PORT;
        assertThat(report).contains(endpoint + " &mdash; confirmed open relay<span class=\"badge\">OPEN RELAY")
                .doesNotContain(endpoint + " &mdash; accepts relay")
                .contains("<th>Confirmed</th><td>yes, ");
    }

    @Test
    void forgedAndTokenlessMailIsQuarantinedAndChangesNoScan() throws Exception {
        Map<Long, JsonObject> countsBefore = countsOfAllScans();
        String forgedMarker = "forged-" + UUID.randomUUID();
        String tokenlessMarker = "tokenless-" + UUID.randomUUID();
        String forged = "SRC1-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(2);

        assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "mallory@example.org", PROBE_MAILBOX,
                message(forgedMarker, "X-SmtpRC-Token: " + forged, "Your relay is open. Token: " + forged)))
                .startsWith("250");
        assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "someone@example.org", PROBE_MAILBOX,
                message(tokenlessMarker, "X-Note: none", "just mail")))
                .startsWith("250");

        JsonObject forgedEntry = awaitQuarantined(forgedMarker);
        JsonObject tokenlessEntry = awaitQuarantined(tokenlessMarker);
        assertThat(forgedEntry.getString("reason")).contains("failed verification").contains(forged);
        assertThat(forgedEntry.getString("mailFrom")).isEqualTo("mallory@example.org");
        assertThat(forgedEntry.getString("peer")).isEqualTo("127.0.0.1");
        assertThat(tokenlessEntry.getString("reason")).contains("no SmtpRC token");
        List<JsonObject> newestFirst = api.get("api/quarantine?limit=2").array().getValuesAs(JsonObject.class);
        assertThat(newestFirst.getFirst().getString("headers")).contains(tokenlessMarker);
        assertThat(api.get("api/quarantine?limit=0").status()).isEqualTo(400);
        assertThat(countsOfAllScans()).isEqualTo(countsBefore);
    }

    @Test
    void theSameRelayedMessageDeliveredTwiceCountsOnce() throws Exception {
        lab = labDeliveringTo(loopback(new byte[]{127, 0, 7, 2}, CAPTURE_PORT))
                .host("127.0.7.30", Personality.OPEN_RELAY).start();
        long id = scan("127.0.7.30", 1_000);
        assertThat(api.awaitEnd(id, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
        long accepted = host(id).getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("outcome").equals("ACCEPTED") && t.getString("transcript").contains("C: <message"))
                .count();
        assertThat(accepted).isPositive();
        awaitRelaysDone(accepted);
        MimeMessage[] relayed = CAPTURE.getReceivedMessages();
        assertThat(relayed).as("relayed messages captured").hasSize((int) lab.deliveries()).isNotEmpty();

        forward(relayed);
        JsonObject once = awaitHost(id, h -> confirmedTests(h).size() == relayed.length);
        assertThat(once.getString("verdict")).isEqualTo("CONFIRMED_RELAY");
        JsonObject countsOnce = api.scan(id).getJsonObject("counts");

        forward(relayed);
        String sentinel = "sentinel-" + UUID.randomUUID();
        SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "tester@example.org", PROBE_MAILBOX,
                message(sentinel, "X-Note: sent after the duplicates", "no token"));
        awaitQuarantined(sentinel);
        Thread.sleep(2_000);

        JsonObject twice = host(id);
        assertThat(confirmedAtByForm(twice)).isEqualTo(confirmedAtByForm(once));
        assertThat(twice.getString("confirmedAt")).isEqualTo(once.getString("confirmedAt"));
        assertThat(api.scan(id).getJsonObject("counts")).isEqualTo(countsOnce);
        assertThat(api.get("api/quarantine?limit=50").array().getValuesAs(JsonObject.class))
                .noneMatch(q -> q.getString("reason").contains("scan " + id));
    }

    /**
     * A server that took our recipient and then returned the message sends a delivery status notification with our
     * probe message, token and all, attached. That proves it refused the mail: quarantined as a bounce, noted on
     * the host, no proof.
     */
    @Test
    void aDeliveryStatusNotificationQuotingOurProbeMessageIsABounceNotProof() throws Exception {
        lab = labDeliveringTo(loopback(new byte[]{127, 0, 7, 2}, CAPTURE_PORT))
                .host("127.0.7.40", Personality.OPEN_RELAY).start();
        long id = scan("127.0.7.40", 1_000);
        assertThat(api.awaitEnd(id, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
        assertThat(CAPTURE.waitForIncomingEmail(PATIENCE.toMillis(), 1)).as("the relay's probe message").isTrue();
        String probeMessage = GreenMailUtil.getWholeMessage(CAPTURE.getReceivedMessages()[0]);
        String marker = "dsn-" + UUID.randomUUID();

        assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "", PROBE_MAILBOX, """
                From: Mail Delivery System <MAILER-DAEMON@mx.lab.example>
                To: <%s>
                Subject: Undelivered Mail Returned to Sender %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-b"
                
                --dsn-b
                Content-Type: text/plain
                
                Your message could not be delivered.
                --dsn-b
                Content-Type: message/delivery-status
                
                Reporting-MTA: dns; mx.lab.example
                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.7.1
                
                --dsn-b
                Content-Type: message/rfc822
                
                %s
                --dsn-b--
                """.formatted(PROBE_MAILBOX, marker, PROBE_MAILBOX, probeMessage))).startsWith("250");

        JsonObject bounce = awaitQuarantined(marker);
        assertThat(bounce.getString("reason")).startsWith("bounce: a delivery status notification")
                .contains("proves no relaying");
        assertThat(bounce.getJsonNumber("scanId").longValue()).isEqualTo(id);
        assertThat(bounce.getString("address")).isEqualTo("127.0.7.40");
        JsonObject host = awaitHost(id, h -> h.getString("detail").contains("A bounce of test '"
                + bounce.getString("form") + "' came back"));
        assertThat(host.getString("verdict")).isEqualTo("ACCEPTS_RELAY");
        assertThat(confirmedTests(host)).isEmpty();
    }

    @Test
    void scanningOurOwnReceiverFindsNoRelay() throws Exception {
        long id = api.startScan("{\"targets\": \"127.0.0.1\", \"ports\": \"" + SmtpRcDeployment.RECEIVER_PORT
                + "\", \"profile\": \"full\", \"options\": {\"confirmationWindowMs\": 3000}}");
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        JsonObject host = api.get("api/scans/" + id + "/hosts").array().getJsonObject(0);
        assertThat(host.getString("verdict")).isEqualTo("SECURED");
    }

    @Test
    void theReceiverRefusesMailForAnyoneButTheProbeMailbox() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(SmtpRcDeployment.RECEIVER_PORT)) {
            assertThat(client.greeting()).startsWith("220");
            assertThat(client.command("EHLO tester.smtprc.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<tester@example.org>")).startsWith("250");
            assertThat(client.command("RCPT TO:<someone@example.com>")).startsWith("550");
            assertThat(client.command("RCPT TO:<someone%example.com@probe.smtprc.invalid>")).startsWith("550");
            assertThat(client.command("RCPT TO:<@probe.smtprc.invalid:someone@example.com>")).startsWith("550");
            assertThat(client.command("RCPT TO:<" + PROBE_MAILBOX + ">")).startsWith("250");
            client.command("QUIT");
        }
    }

    private Lab.Builder labDeliveringTo(InetSocketAddress sink) {
        return Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).deliverTo(sink);
    }

    private static InetSocketAddress loopback(byte[] address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(address), port);
    }

    private long scan(String target, int confirmationWindowMs) {
        return api.startScan("""
                {"targets": "%s", "ports": "%s", "profile": "quick",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": %d}}"""
                .formatted(target, SmtpRcDeployment.LAB_PORT, confirmationWindowMs));
    }

    private JsonObject host(long scanId) {
        return api.get("api/scans/" + scanId + "/hosts").array().getValuesAs(JsonObject.class).getFirst();
    }

    private JsonObject awaitHost(long scanId, Predicate<JsonObject> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject host = host(scanId);
        while (!condition.test(host)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("host of scan " + scanId + " never got there: " + host);
            }
            Thread.sleep(250);
            host = host(scanId);
        }
        return host;
    }

    /** Until the lab relay has delivered (or given up on) every message it accepted. */
    private void awaitRelaysDone(long accepted) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (lab.deliveries() + lab.deliveryFailures() < accepted) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the lab relayed " + lab.deliveries() + " of " + accepted + " messages");
            }
            Thread.sleep(100);
        }
    }

    private JsonObject awaitQuarantined(String marker) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            var entry = api.get("api/quarantine?limit=100").array().getValuesAs(JsonObject.class).stream()
                    .filter(q -> q.getString("headers").contains(marker)).findFirst();
            if (entry.isPresent()) {
                return entry.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no quarantined mail with " + marker);
    }

    private void forward(MimeMessage[] relayed) throws Exception {
        for (MimeMessage message : relayed) {
            assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "probe@probe.smtprc.invalid",
                    PROBE_MAILBOX, GreenMailUtil.getWholeMessage(message))).startsWith("250");
        }
    }

    private Map<Long, JsonObject> countsOfAllScans() {
        Map<Long, JsonObject> counts = new HashMap<>();
        for (JsonObject scan : api.get("api/scans?limit=1000").array().getValuesAs(JsonObject.class)) {
            counts.put(scan.getJsonNumber("id").longValue(), scan.getJsonObject("counts"));
        }
        return counts;
    }

    private static List<JsonObject> confirmedTests(JsonObject host) {
        return host.getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL).toList();
    }

    private static Map<String, String> confirmedAtByForm(JsonObject host) {
        Map<String, String> byForm = new HashMap<>();
        confirmedTests(host).forEach(t -> byForm.put(t.getString("form"), t.getString("confirmedAt")));
        return byForm;
    }

    private static String message(String marker, String header, String body) {
        return "From: <tester@example.org>\r\nTo: <" + PROBE_MAILBOX + ">\r\nSubject: " + marker + "\r\n"
                + header + "\r\n\r\n" + body + "\r\n";
    }
}
