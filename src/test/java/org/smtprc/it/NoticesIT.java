package org.smtprc.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notices on the real server, with GreenMail as the outgoing mail server: a scan proves relays of two owners (one
 * owning a /24, the other a /28 inside it: the longest prefix wins) and one of nobody; each owner gets one notice
 * listing all their hosts with the evidence, a hostile greeting's header lines stay quoted in the body, the operator
 * gets the digest with the unowned host, and everything is on record. Held owners, dry-run scans and a mail server
 * that is down are recorded and send nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NoticesIT {

    private static final String MAIL_HOST = "127.0.0.1";
    private static final int MAIL_PORT = 12450;
    private static final String ALPHA = "abuse@alpha.smtprc.test";
    private static final String BETA = "noc@beta.smtprc.test";
    private static final String OPERATOR = "operator@smtprc.test";
    private static final String REMEDIATION = "https://fix.smtprc.test/open-relays";
    private static final String OWNERS = """
            network,owner,contact,reference
            127.0.70.0/24,"Alpha Hosting, Ltd",abuse@alpha.smtprc.test,CONTRACT-1
            127.0.70.16/28,Beta Broadband,noc@beta.smtprc.test,T-2
            """;
    private static final String ALPHA_RELAY = "127.0.70.1";
    private static final String ALPHA_HOSTILE = "127.0.70.2";
    private static final String BETA_RELAY = "127.0.70.17";
    private static final String BETA_CLOSED = "127.0.70.18";
    private static final String NOBODYS_RELAY = "127.0.71.1";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(MAIL_PORT, MAIL_HOST, ServerSetup.PROTOCOL_SMTP));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    /** Set once for the class (pointing the smarthost elsewhere may take a server reload), put back after it. */
    private static ServerProperties properties;
    private static Smarthost smarthost;

    private ScanApi api;
    private Lab lab;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        if (smarthost == null) {
            properties = new ServerProperties(management.getControllerClient())
                    .set("smtprc.notices.operator", OPERATOR)
                    .set("smtprc.notices.remediation-url", REMEDIATION);
            smarthost = new Smarthost(management.getControllerClient(), MAIL_PORT);
        }
        assertThat(importOwners(OWNERS).status()).isEqualTo(200);
        lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                .host(ALPHA_RELAY, Personality.OPEN_RELAY)
                .host(ALPHA_HOSTILE, Personality.HEADER_INJECTION)
                .host(BETA_RELAY, Personality.OPEN_RELAY_ANONYMOUS)
                .host(BETA_CLOSED, Personality.CLOSED)
                .host(NOBODYS_RELAY, Personality.OPEN_RELAY)
                .start();
    }

    @AfterEach
    void tearDown() {
        lab.close();
        importOwners("network,owner,contact\n");
    }

    @AfterAll
    static void restoreTheServer() throws Exception {
        try {
            if (smarthost != null) {
                smarthost.close();
            }
        } finally {
            if (properties != null) {
                properties.close();
            }
        }
    }

    @Test
    void eachOwnerGetsOneNoticeWithTheirHostsAndTheOperatorTheDigest() throws Exception {
        long id = scan(String.join(",", ALPHA_RELAY, ALPHA_HOSTILE, BETA_RELAY, BETA_CLOSED, NOBODYS_RELAY), false);

        List<MimeMessage> mail = awaitMail(3);
        MimeMessage alpha = only(mail, ALPHA);
        MimeMessage beta = only(mail, BETA);
        MimeMessage digest = only(mail, OPERATOR);

        String alphaBody = body(alpha);
        assertThat(alphaBody).contains("Dear Alpha Hosting, Ltd", ALPHA_RELAY + ":2525", ALPHA_HOSTILE + ":2525",
                        "127.0.70.0/24", REMEDIATION, "CONTRACT-1", "confirmed open relay",
                        "MAIL FROM:", "RCPT TO:", "headers of the test message as it came back", "Received:",
                        "scan " + id)
                .doesNotContain(BETA_RELAY, NOBODYS_RELAY);
        assertThat(alpha.getSubject()).contains("2 host(s)", "scan " + id);
        String betaBody = body(beta);
        assertThat(betaBody).contains("Dear Beta Broadband", BETA_RELAY + ":2525", "anonymous open relay",
                        "127.0.70.16/28")
                .doesNotContain(ALPHA_RELAY + ":", BETA_CLOSED, NOBODYS_RELAY);
        String digestBody = body(digest);
        assertThat(digestBody).contains("Scan " + id + " completed", "2 SENT", ALPHA, BETA, NOBODYS_RELAY + ":2525",
                "CONFIRMED_RELAY: 3", "ANONYMOUS_RELAY: 1", "SECURED: 1");
        assertThat(digest.getSubject()).contains("4 proven relay(s)");

        // The hostile greeting's "Bcc:" and "Subject:" lines are quoted evidence in the body, never headers.
        assertThat(alphaBody).contains("| 220-Bcc: victim@example.org", "| 220 Subject: injected\\x0DX-Injected: yes");
        for (MimeMessage message : mail) {
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getHeader("X-Injected")).isNull();
            assertThat(message.getHeader("Subject")).hasSize(1);
            assertThat(message.getSubject()).doesNotContain("injected");
            assertThat(message.getAllRecipients()).hasSize(1);
            assertThat(GreenMailUtil.getHeaders(message)).doesNotContain("victim@example.org");
        }
        assertThat(MAIL.getReceivedMessagesForDomain("example.org")).isEmpty();

        List<JsonObject> notices = notices(id);
        assertThat(notices).hasSize(3).allSatisfy(n -> assertThat(n.getString("status")).isEqualTo("SENT"));
        JsonObject alphaNotice = byRecipient(notices, ALPHA);
        assertThat(alphaNotice.getString("kind")).isEqualTo("FOUND");
        assertThat(alphaNotice.getString("ownerNetwork")).isEqualTo("127.0.70.0/24");
        assertThat(alphaNotice.getJsonArray("hosts").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .containsExactlyInAnyOrder(ALPHA_RELAY + ":2525", ALPHA_HOSTILE + ":2525");
        assertThat(alphaNotice.getString("messageId")).isEqualTo(alpha.getMessageID());
        assertThat(byRecipient(notices, OPERATOR).getString("kind")).isEqualTo("DIGEST");
        assertThat(api.as(TestUsers.VIEWER).get("api/notices?scan=" + id).status()).isEqualTo(200);

        // The notice is part of the host's history.
        assertThat(api.as(TestUsers.VIEWER).get("api/hosts/" + ALPHA_RELAY).json().getJsonArray("events")
                .getValuesAs(JsonObject.class))
                .anySatisfy(e -> {
                    assertThat(e.getString("kind")).isEqualTo("notice");
                    assertThat(e.getJsonNumber("scanId").longValue()).isEqualTo(id);
                    assertThat(e.getInt("port")).isEqualTo(2525);
                    assertThat(e.getJsonObject("facts").getString("noticeKind")).isEqualTo("FOUND");
                    assertThat(e.getJsonObject("facts").getString("messageId")).isEqualTo(alpha.getMessageID());
                });
    }

    @Test
    void aHeldOwnerAndADryRunScanAreRecordedNotSent() throws Exception {
        long betaId = owners().stream().filter(o -> o.getString("contact").equals(BETA)).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        assertThat(api.send("POST", "api/owners/" + betaId + "/hold", Map.of("X-SmtpRC-Request", "1"), null)
                .json().getBoolean("noticesHeld")).isTrue();

        long held = scan(String.join(",", ALPHA_RELAY, BETA_RELAY), false);
        List<MimeMessage> mail = awaitMail(2);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(ALPHA, OPERATOR);
        List<JsonObject> notices = notices(held);
        assertThat(byRecipient(notices, BETA).getString("status")).isEqualTo("HELD");
        assertThat(byRecipient(notices, ALPHA).getString("status")).isEqualTo("SENT");
        assertThat(body(only(mail, OPERATOR))).contains("1 SENT", "1 HELD");
        assertThat(api.get("api/audit?limit=20").body()).contains("OWNER_NOTICES_HELD");

        MAIL.reset();
        long dryRun = scan(ALPHA_RELAY, true);
        MimeMessage digest = only(awaitMail(1), OPERATOR);
        assertThat(body(digest)).contains("DRY RUN", "1 DRY_RUN");
        assertThat(byRecipient(notices(dryRun), ALPHA).getString("status")).isEqualTo("DRY_RUN");
        Thread.sleep(1_000);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailServerThatIsDownFailsTheNoticesNotTheScan() throws Exception {
        MAIL.stop();
        long id = scan(String.join(",", ALPHA_RELAY, BETA_RELAY), false);
        await().atMost(Duration.ofSeconds(60)).until(() -> notices(id).size() == 3);
        List<JsonObject> notices = notices(id);
        assertThat(notices).allSatisfy(n -> assertThat(n.getString("status")).isEqualTo("FAILED"));
        assertThat(notices.getFirst().getString("reason")).containsIgnoringCase("connect");
        assertThat(notices.get(1).getString("reason")).startsWith("not tried");
        assertThat(api.scan(id).getString("status")).isEqualTo("COMPLETED");
    }

    private long scan(String targets, boolean dryRun) throws InterruptedException {
        long id = api.startScan("""
                {"targets": "%s", "ports": "%s", "profile": "quick",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": 20000,
                             "noticesDryRun": %s}}""".formatted(targets, SmtpRcDeployment.LAB_PORT, dryRun));
        assertThat(api.awaitEnd(id, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
        return id;
    }

    private ScanApi.Reply importOwners(String csv) {
        return api.send("PUT", "api/owners", Map.of("Content-Type", "text/csv"), csv);
    }

    private List<JsonObject> owners() {
        return api.get("api/owners").array().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> notices(long scanId) {
        return api.get("api/notices?scan=" + scanId).array().getValuesAs(JsonObject.class);
    }

    private static JsonObject byRecipient(List<JsonObject> notices, String to) {
        List<JsonObject> theirs = notices.stream().filter(n -> n.getString("to").equals(to)).toList();
        assertThat(theirs).as("notices to %s in %s", to, notices).hasSize(1);
        return theirs.getFirst();
    }

    private static List<MimeMessage> awaitMail(int count) {
        assertThat(MAIL.waitForIncomingEmail(90_000, count)).as("%d mails arrive", count).isTrue();
        return Arrays.asList(MAIL.getReceivedMessages());
    }

    private static MimeMessage only(List<MimeMessage> mail, String to) {
        List<MimeMessage> theirs = mail.stream().filter(m -> recipients(List.of(m)).contains(to)).toList();
        assertThat(theirs).as("mail to %s", to).hasSize(1);
        return theirs.getFirst();
    }

    /** The decoded text: a body with a non-ASCII character travels quoted-printable. */
    private static String body(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }

    private static List<String> recipients(List<MimeMessage> mail) {
        return mail.stream().flatMap(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO) == null ? Collections.<String>emptyList().stream()
                        : Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
