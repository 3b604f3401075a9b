package org.smtprc.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtprc.lab.ConnectionFlood;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver on the real WildFly holds under abuse: a scan of 100 lab relays ends with every relay confirmed
 * while a flood of 3,000 connections (1,000 from one address, 4 from each of 500 more, reopened when dropped)
 * holds the receiver; and a relay that insists on TLS brings its proof over STARTTLS. Prints the figures.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReceiverUnderFloodIT {

    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    private static final int RELAYS = 100;
    private static final long MIB = 1024 * 1024;
    private static final String CAPTURE_SERVER = "127.0.30.2";
    private static final int CAPTURE_PORT = 3026;

    /** Where the TLS test's relay hands its mail, so that the test can bring it to the receiver over STARTTLS. */
    @RegisterExtension
    static final GreenMailExtension CAPTURE = new GreenMailExtension(
            new ServerSetup(CAPTURE_PORT, CAPTURE_SERVER, ServerSetup.PROTOCOL_SMTP));

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
    private ConnectionFlood flood;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (flood != null) {
            flood.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyRelayIsConfirmedWhileAFloodHoldsTheReceiver() throws Exception {
        Lab.Builder relays = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).deliverTo(receiver());
        for (int r = 1; r <= RELAYS; r++) {
            relays.host("127.0.31." + r, Personality.OPEN_RELAY);
        }
        lab = relays.start();
        long heapBefore = heapUsedAfterGc();
        long openFilesBefore = serverOpenFiles();

        flood = ConnectionFlood.to(receiver())
                .from("127.0.32.1", 1_000)
                .fromEach("127.0.33.1", 500, 4)
                .reopenAfter(Duration.ofSeconds(1))
                .start();
        assertThat(flood.awaitSettled(Duration.ofMinutes(2))).as(flood.toString()).isTrue();
        Thread.sleep(1_500);
        long heldAtStart = flood.held();
        assertThat(heldAtStart).as("the flood holds the receiver: " + flood).isGreaterThanOrEqualTo(900);

        Instant started = Instant.now();
        long id = api.startScan("""
                {"targets": "127.0.31.1-127.0.31.%d", "ports": "%s", "profile": "quick",
                 "options": {"connectTimeoutMs": 3000, "commandTimeoutMs": 10000, "confirmationWindowMs": 60000}}"""
                .formatted(RELAYS, SmtpRcDeployment.LAB_PORT));
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(5), false);
        Duration took = Duration.between(started, Instant.now());
        long heapDuring = heapUsedAfterGc();
        long openFilesDuring = serverOpenFiles();

        System.out.printf("scan of %d relays under the flood: %s in %d ms, counts %s; flood: held %d at the start,"
                        + " %s; lab deliveries %d, failures %s; server heap used after GC %d MiB before, %d MiB"
                        + " during the flood; server open files %d before, %d during; server open-files limit: %s%n",
                RELAYS, scan.getString("status"), took.toMillis(), scan.getJsonObject("counts"), heldAtStart, flood,
                lab.deliveries(), lab.deliveryFailureReasons(), heapBefore / MIB, heapDuring / MIB, openFilesBefore,
                openFilesDuring, serverOpenFilesLimit());
        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        assertThat(scan.getJsonObject("counts").getInt("CONFIRMED_RELAY")).isEqualTo(RELAYS);
        assertThat(lab.deliveryFailures()).isZero();
        assertThat(flood.held()).as("the flood was still on at the end").isGreaterThan(500);
        assertThat(heapDuring - heapBefore).as("server heap growth, bytes").isLessThan(256 * MIB);
    }

    @Test
    void aRelayThatInsistsOnTlsBringsItsProofOverStartTls() throws Exception {
        lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByName(CAPTURE_SERVER), CAPTURE_PORT))
                .host("127.0.30.10", Personality.OPEN_RELAY).start();
        long id = api.startScan("""
                {"targets": "127.0.30.10", "ports": "%s", "profile": "quick",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": 1000}}"""
                .formatted(SmtpRcDeployment.LAB_PORT));
        assertThat(api.awaitEnd(id, Duration.ofMinutes(2), false).getString("status")).isEqualTo("COMPLETED");
        assertThat(CAPTURE.waitForIncomingEmail(60_000, 1)).as("the relay's probe message").isTrue();
        assertThat(host(id).getString("verdict")).isEqualTo("ACCEPTS_RELAY");

        for (MimeMessage relayed : CAPTURE.getReceivedMessages()) {
            sendInsistingOnTls(relayed, "127.0.30.10");
        }

        JsonObject host = awaitConfirmed(id);
        assertThat(host.getString("verdict")).isEqualTo("CONFIRMED_RELAY");
        assertThat(host.getJsonArray("tests").getValuesAs(JsonObject.class))
                .anySatisfy(t -> assertThat(t.getString("receivedHeaders", "")).contains("with ESMTPS id"));
    }

    /** The way a relay with "TLS required" for outbound mail delivers: no STARTTLS, no delivery. */
    private static void sendInsistingOnTls(MimeMessage message, String relayAddress) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(SmtpRcDeployment.RECEIVER_PORT));
        properties.put("mail.smtp.localaddress", relayAddress);
        properties.put("mail.smtp.localhost", "relay.lab.test");
        properties.put("mail.smtp.from", "relaytest-return@probe.smtprc.invalid");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        // opportunistic TLS as relays do it (RFC 7435): encrypt, whoever signed the certificate for whatever name
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[]{new InternetAddress(PROBE_MAILBOX)});
        }
    }

    private JsonObject host(long scanId) {
        return api.get("api/scans/" + scanId + "/hosts").array().getValuesAs(JsonObject.class).getFirst();
    }

    private JsonObject awaitConfirmed(long scanId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject host = host(scanId);
        while (!host.getString("verdict").equals("CONFIRMED_RELAY") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            host = host(scanId);
        }
        return host;
    }

    private static InetSocketAddress receiver() throws IOException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), SmtpRcDeployment.RECEIVER_PORT);
    }

    private long heapUsedAfterGc() throws IOException {
        execute(memoryOperation("gc"));
        ModelNode read = memoryOperation("read-attribute");
        read.get("name").set("heap-memory-usage");
        return execute(read).get("used").asLong();
    }

    private static ModelNode memoryOperation(String name) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").add("core-service", "platform-mbean").add("type", "memory");
        return operation;
    }

    /** The server's process id, from its runtime name "pid@host". */
    private long serverPid() throws IOException {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").add("core-service", "platform-mbean").add("type", "runtime");
        read.get("name").set("name");
        String name = execute(read).asString();
        return Long.parseLong(name.substring(0, name.indexOf('@')));
    }

    private long serverOpenFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/" + serverPid() + "/fd"))) {
            return files.count();
        }
    }

    private String serverOpenFilesLimit() throws IOException {
        List<String> limits = Files.readAllLines(Path.of("/proc/" + serverPid() + "/limits"));
        return limits.stream().filter(l -> l.startsWith("Max open files")).findFirst().orElse("unknown")
                .replaceAll("\\s+", " ");
    }

    private ModelNode execute(ModelNode operation) throws IOException {
        ModelNode result = management.getControllerClient().execute(operation);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException("management operation " + operation + " failed: "
                    + result.get("failure-description"));
        }
        return result.get("result");
    }
}
