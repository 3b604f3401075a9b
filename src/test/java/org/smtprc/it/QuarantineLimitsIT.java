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

import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quarantine is bounded, and says how much it did not keep: junk beyond a sending address's hourly limit and
 * beyond the row cap is dropped and counted, and mail past its retention is deleted (or not kept on arrival) and
 * counted. The limits are set at runtime through system properties, as an operator would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QuarantineLimitsIT {

    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    /** The sweep that deletes rows past their retention runs once a minute. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

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

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.VIEWER);
        properties = new ServerProperties(management.getControllerClient());
    }

    @AfterEach
    void tearDown() throws Exception {
        properties.close();
    }

    @Test
    void aSendingAddressKeepsItsHourlyLimitAndWhatItSendsBeyondIsDroppedAndCounted() throws Exception {
        properties.set("smtprc.quarantine.per-sender-per-hour", "3");
        long droppedBefore = summary().getJsonNumber("droppedOverRate").longValue();
        String flood = "flood-" + UUID.randomUUID();

        for (int i = 0; i < 5; i++) {
            junk(loopback(21), "flood@example.org", flood + "-" + i);
        }
        junk(loopback(22), "flood@example.org", flood + "-other-address");

        await("3 rows from 127.0.40.21 and 1 from 127.0.40.22 kept, 2 dropped").atMost(PATIENCE)
                .untilAsserted(() -> {
                    assertThat(QuarantineApi.withMarker(api, flood)).extracting(q -> q.getString("peer"))
                            .containsExactlyInAnyOrder("127.0.40.21", "127.0.40.21", "127.0.40.21", "127.0.40.22");
                    assertThat(summary().getJsonNumber("droppedOverRate").longValue()).isEqualTo(droppedBefore + 2);
                });
        assertThat(summary().getInt("perSenderPerHour")).isEqualTo(3);
    }

    @Test
    void beyondTheRowCapNewJunkIsDroppedAndCounted() throws Exception {
        JsonObject before = summary();
        long rows = before.getJsonNumber("rows").longValue();
        properties.set("smtprc.quarantine.max-rows", String.valueOf(rows + 1));
        String junk = "over-cap-" + UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            junk(loopback(31 + i), "junk@example.org", junk + "-" + i);
        }

        await("1 row kept, 2 dropped over the cap").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(QuarantineApi.withMarker(api, junk)).hasSize(1);
            assertThat(summary().getJsonNumber("droppedOverCap").longValue())
                    .isEqualTo(before.getJsonNumber("droppedOverCap").longValue() + 2);
        });
        JsonObject after = summary();
        assertThat(after.getJsonNumber("rows").longValue()).isEqualTo(rows + 1);
        assertThat(after.getJsonNumber("maxRows").longValue()).isEqualTo(rows + 1);
    }

    /**
     * Maildir mail keeps the time it was delivered, so mail days old can be made: one within the retention is
     * kept until the retention is shortened, one past it is not kept at all.
     */
    @Test
    void mailPastItsRetentionIsDeletedAndCounted() throws Exception {
        long deletedBefore = summary().getJsonNumber("deletedByRetention").longValue();
        Path maildir = Files.createDirectories(Path.of("target", "quarantine-it", UUID.randomUUID().toString()));
        for (String folder : new String[]{"new", "cur", "tmp"}) {
            Files.createDirectories(maildir.resolve(folder));
        }
        String aged = "aged-" + UUID.randomUUID();
        String expired = "expired-" + UUID.randomUUID();
        deliverInto(maildir, aged, Duration.ofDays(3));
        deliverInto(maildir, expired, Duration.ofDays(40));

        properties.set("smtprc.maildir.path", maildir.toAbsolutePath().toString())
                .set("smtprc.mailbox.poll-seconds", "1");

        QuarantineApi.await(api, aged, PATIENCE);
        await("the 40-day-old mail counted as past its retention").atMost(PATIENCE).untilAsserted(() ->
                assertThat(summary().getJsonNumber("deletedByRetention").longValue()).isEqualTo(deletedBefore + 1));
        assertThat(QuarantineApi.withMarker(api, expired)).isEmpty();

        properties.set("smtprc.quarantine.retention-days", "2");

        await("the 3-day-old mail deleted by the sweep").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(QuarantineApi.withMarker(api, aged)).isEmpty();
            assertThat(summary().getJsonNumber("deletedByRetention").longValue()).isEqualTo(deletedBefore + 2);
        });
    }

    private JsonObject summary() {
        ScanApi.Reply reply = api.get("api/quarantine/summary");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** A mail without a token, from the loopback address given, with the marker as its Subject. */
    private static void junk(InetAddress from, String mailFrom, String marker) throws Exception {
        assertThat(SmtpTestClient.deliverFrom(from, SmtpRcDeployment.RECEIVER_PORT, mailFrom, PROBE_MAILBOX,
                "From: <" + mailFrom + ">\r\nTo: <" + PROBE_MAILBOX + ">\r\nSubject: " + marker
                        + "\r\n\r\nno token here\r\n")).startsWith("250");
    }

    private static InetAddress loopback(int host) throws Exception {
        return InetAddress.getByAddress(new byte[]{127, 0, 40, (byte) host});
    }

    /** A message as an MTA delivers it into the Maildir, {@code age} ago. */
    private static void deliverInto(Path maildir, String marker, Duration age) throws Exception {
        Path file = maildir.resolve("new").resolve(marker + ".lab");
        Files.writeString(file, "Return-Path: <" + marker + "@example.org>\r\nDelivered-To: " + PROBE_MAILBOX
                + "\r\nFrom: <" + marker + "@example.org>\r\nSubject: " + marker + "\r\n\r\nno token here\r\n",
                StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }
}
