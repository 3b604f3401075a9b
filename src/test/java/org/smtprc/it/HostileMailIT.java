package org.smtprc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every byte of inbound mail is hostile: messages built to hurt the proof search (a base64 part of over 200 KiB in
 * 40,000 lines of four characters, MIME nesting 1,000 deep, 10,000 header lines, NUL bytes, a token split across
 * soft breaks) and an envelope too long for its column each end in the quarantine with a reason, none in the
 * dead-letter queue, and a genuine relay is still proven afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileMailIT {

    private static final String PROBE_MAILBOX = "relaytest@probe.smtprc.invalid";
    /** A forged token: the search must find it wherever it hides, and verification must refuse it. */
    private static final String FORGED = "SRC1-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(2);
    /** A lab relay of this test's own, apart from the addresses other system tests use. */
    private static final String RELAY = "127.0.58.10";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private ScanApi api;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @Test
    void hostileMessagesEndInTheQuarantineWithAReason() throws Exception {
        Map<String, String> messages = new LinkedHashMap<>();
        String base64Part = shortLinedBase64("x".repeat(60_000) + "\r\nToken: " + FORGED + "\r\n" + "y".repeat(60_000));
        assertThat(base64Part.length()).as("the base64 part").isGreaterThan(200 * 1024);
        messages.put("short-lined-base64", message("Content-Transfer-Encoding: base64", base64Part));
        messages.put("nested-multiparts", nestedMultiparts(1_000));
        messages.put("header-lines", message("X-F: a\r\n".repeat(10_000) + "X-SmtpRC-Token: " + FORGED, "body"));
        messages.put("nul-bytes", message("X-Nul: a\0b", "before\0after\r\nToken: " + FORGED + "\0"));
        StringBuilder softBreaks = new StringBuilder("Token: ");
        for (int i = 0; i < FORGED.length(); i += 3) {
            softBreaks.append(FORGED, i, Math.min(FORGED.length(), i + 3)).append("=\r\n");
        }
        messages.put("soft-breaks", message("Content-Transfer-Encoding: quoted-printable", softBreaks + "\r\n"));

        Map<String, String> markers = new LinkedHashMap<>();
        for (var hostile : messages.entrySet()) {
            String marker = hostile.getKey() + "-" + UUID.randomUUID();
            markers.put(hostile.getKey(), marker);
            String reply = SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, marker + "@example.org",
                    PROBE_MAILBOX, "Subject: " + marker + "\r\n" + hostile.getValue());
            assertThat(reply).as("the receiver's answer to %s", hostile.getKey()).startsWith("250");
            long accepted = System.nanoTime();

            JsonObject entry = QuarantineApi.await(api, marker, PATIENCE);

            System.out.printf("hostile mail %s (%,d bytes): quarantined %d ms after the receiver's 250%n",
                    hostile.getKey(), hostile.getValue().length(), (System.nanoTime() - accepted) / 1_000_000);
            assertThat(entry.getString("reason")).as("why %s was quarantined", hostile.getKey())
                    .contains("token failed verification").contains(FORGED);
        }
        assertThat(api.get("api/dead-letters?limit=1000").array().getValuesAs(JsonObject.class))
                .as("dead letters").noneMatch(letter -> markers.values().stream()
                        .anyMatch(marker -> letter.getString("mailFrom", "").startsWith(marker)));
    }

    @Test
    void aMailFromOfTwoThousandCharactersIsQuarantinedCut() throws Exception {
        String marker = "long-sender-" + UUID.randomUUID();
        String mailFrom = "m".repeat(1_988) + "@example.org";
        assertThat(mailFrom).hasSize(2_000);

        assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, mailFrom, PROBE_MAILBOX,
                "Subject: " + marker + "\r\n" + message("X-Note: no token", "just mail"))).startsWith("250");

        JsonObject entry = QuarantineApi.await(api, marker, PATIENCE);
        assertThat(entry.getString("reason")).contains("no SmtpRC token");
        assertThat(entry.getString("mailFrom")).hasSizeLessThanOrEqualTo(512).startsWith("mmmm")
                .endsWith(" more characters of MAIL FROM not kept]");
    }

    @Test
    void aGenuineRelayIsStillProvenAfterHostileMail() throws Exception {
        assertThat(SmtpTestClient.deliver(SmtpRcDeployment.RECEIVER_PORT, "mallory@example.org", PROBE_MAILBOX,
                "Subject: before-the-relay\r\n" + message("Content-Transfer-Encoding: base64",
                        shortLinedBase64("z".repeat(30_000))))).startsWith("250");
        InetSocketAddress receiver = new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                SmtpRcDeployment.RECEIVER_PORT);
        try (Lab lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).deliverTo(receiver)
                .host(RELAY, Personality.OPEN_RELAY).start()) {
            long id = api.startScan("""
                    {"targets": "%s", "ports": "%s", "profile": "quick",
                     "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 3000, "confirmationWindowMs": 10000}}"""
                    .formatted(RELAY, SmtpRcDeployment.LAB_PORT));
            JsonObject ended = api.awaitEnd(id, Duration.ofMinutes(1), false);

            assertThat(ended.getString("status")).isEqualTo("COMPLETED");
            JsonObject host = api.get("api/scans/" + id + "/hosts").array().getValuesAs(JsonObject.class).getFirst();
            assertThat(host.getString("verdict")).isEqualTo("CONFIRMED_RELAY");
            assertThat(host.getJsonArray("tests").getValuesAs(JsonObject.class))
                    .anyMatch(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL);
        }
    }

    /** A message body after the Subject line: the header lines given, a blank line, the body. */
    private static String message(String headers, String body) {
        return "From: <mallory@example.org>\r\nTo: <" + PROBE_MAILBOX + ">\r\n" + headers + "\r\n\r\n" + body + "\r\n";
    }

    /** Text as base64 in lines of four characters: over 30,000 lines for the larger messages here. */
    private static String shortLinedBase64(String text) {
        String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 4) {
            lines.append(encoded, i, Math.min(encoded.length(), i + 4)).append("\r\n");
        }
        return lines.toString();
    }

    private static String nestedMultiparts(int depth) {
        StringBuilder parts = new StringBuilder("From: <mallory@example.org>\r\nTo: <" + PROBE_MAILBOX + ">\r\n");
        for (int i = 0; i < depth; i++) {
            parts.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        parts.append("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(("Token: " + FORGED).getBytes(StandardCharsets.US_ASCII)))
                .append("\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            parts.append("--b").append(i).append("--\r\n");
        }
        return parts.toString();
    }

}
