package org.smtprc.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe domain's mail lands in an ordinary mail server (GreenMail, on 127.0.7.1) instead of our receiver;
 * the server polls that mailbox over IMAP or POP3, set up at runtime through system properties like an operator
 * would, and the relays are proven all the same.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailboxPollingIT {

    private static final String MAIL_SERVER = "127.0.7.1";
    private static final int SMTP_PORT = 3025;
    private static final int IMAP_PORT = 3143;
    private static final int POP3_PORT = 3110;
    private static final String USER = "relaytest";
    private static final String PASSWORD = "lab-secret";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[]{
            new ServerSetup(SMTP_PORT, MAIL_SERVER, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(IMAP_PORT, MAIL_SERVER, ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(POP3_PORT, MAIL_SERVER, ServerSetup.PROTOCOL_POP3)});

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private ScanApi api;
    private Lab lab;
    private ServerProperties properties;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        MAIL.setUser(USER + "@probe.smtprc.invalid", USER, PASSWORD);
        properties = new ServerProperties(management.getControllerClient());
        lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 7, 1}), SMTP_PORT))
                .host("127.0.7.10", Personality.OPEN_RELAY)
                .host("127.0.7.11", Personality.OPEN_RELAY_ANONYMOUS)
                .start();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            lab.close();
        } finally {
            properties.close();
        }
    }

    @Test
    void relayedMailPolledOverImapProvesTheRelay() throws Exception {
        properties.set("smtprc.mailbox.url", "imap://" + USER + "@" + MAIL_SERVER + ":" + IMAP_PORT + "/INBOX")
                .setEncrypted("smtprc.mailbox.password", PASSWORD)
                .set("smtprc.mailbox.poll-seconds", "1");

        JsonObject host = scanAndAwaitConfirmation("127.0.7.10", "CONFIRMED_RELAY");

        List<JsonObject> confirmed = confirmedTests(host);
        assertThat(confirmed).isNotEmpty();
        assertThat(confirmed).allSatisfy(test -> assertThat(test.getString("receivedHeaders"))
                .contains("127.0.7.10").contains("scanner.smtprc.test"));
        // The host may be proven while the poller still holds the message: wait until the mailbox is drained.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(messagesLeft("imap", IMAP_PORT, true)).as("unread messages").isZero());
        assertPasswordNowhereInTheServersFiles();
    }

    @Test
    void relayedMailPolledOverPop3ProvesAnAnonymousRelayAndLeavesNothingBehind() throws Exception {
        properties.set("smtprc.mailbox.url", "pop3://" + USER + "@" + MAIL_SERVER + ":" + POP3_PORT)
                .setEncrypted("smtprc.mailbox.password", PASSWORD)
                .set("smtprc.mailbox.poll-seconds", "1");

        JsonObject host = scanAndAwaitConfirmation("127.0.7.11", "ANONYMOUS_RELAY");

        assertThat(confirmedTests(host)).isNotEmpty().allSatisfy(test -> assertThat(test.getBoolean("anonymous")).isTrue());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(messagesLeft("pop3", POP3_PORT, false)).as("messages left in the mailbox").isZero());
        assertPasswordNowhereInTheServersFiles();
    }

    /** The encrypted password worked (the mailbox was read); its clear text is in no configuration file or log. */
    private static void assertPasswordNowhereInTheServersFiles() throws IOException {
        Path server = WildFlyProcess.defaultHome().resolve("standalone");
        List<Path> files;
        try (var walk = Stream.concat(Files.walk(server.resolve("configuration")), Files.walk(server.resolve("log")))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(Path::getFileName).extracting(Path::toString)
                .contains("standalone-full.xml", "server.log");
        byte[] secret = PASSWORD.getBytes(StandardCharsets.UTF_8);
        for (Path file : files) {
            assertThat(indexOf(Files.readAllBytes(file), secret)).as("the mailbox password in %s", file).isNegative();
        }
        assertThat(Files.readString(server.resolve("configuration/standalone-full.xml")))
                .as("the password is configured as an encrypted expression").contains("${ENC::smtprc:");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Scans one lab relay and waits until the polled mailbox proved it (the scan's window is short on purpose). */
    private JsonObject scanAndAwaitConfirmation(String address, String verdict) throws InterruptedException {
        long id = api.startScan("""
                {"targets": "%s", "ports": "%s", "profile": "quick",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": 15000}}"""
                .formatted(address, SmtpRcDeployment.LAB_PORT));
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        JsonObject host = api.get("api/scans/" + id + "/hosts").array().getValuesAs(JsonObject.class).getFirst();
        assertThat(host.getString("verdict")).as("verdict of %s: %s", address, host).isEqualTo(verdict);
        assertThat(api.scan(id).getJsonObject("counts").getInt(verdict)).isEqualTo(1);
        return host;
    }

    private static List<JsonObject> confirmedTests(JsonObject host) {
        return host.getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL).toList();
    }

    /** Messages still in the test mailbox: unread ones (IMAP), or any at all (POP3). */
    private static int messagesLeft(String protocol, int port, boolean unreadOnly) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore(protocol);
        store.connect(MAIL_SERVER, port, USER, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return unreadOnly ? inbox.getUnreadMessageCount() : inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
