package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each personality of one shared lab (host 127.0.1.n plays the personality of ordinal n-1), over raw sockets. */
class LabTest {

    private static final Duration LATE = Duration.ofMillis(600);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String MESSAGE = """
            Received: from earlier.example.net ([192.0.2.7]) by first.example.net; Mon, 1 Jan 2024 00:00:00 +0000\r
            X-Originating-IP: [192.0.2.7]\r
            Subject: lab test\r
            \r
            .a line that starts with a dot\r
            body\r
            """;

    private static CollectingSmtpSink sink;
    private static Lab lab;

    @BeforeAll
    static void startLab() throws IOException {
        sink = new CollectingSmtpSink();
        Lab.Builder builder = Lab.builder().port(0).deliverTo(sink.address())
                .lateDelivery(LATE).tarpitDelay(Duration.ofMillis(3)).maxMessageBytes(4096);
        for (Personality personality : Personality.values()) {
            builder.host(address(personality), personality);
        }
        lab = builder.start();
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
        sink.close();
    }

    static String address(Personality personality) {
        return "127.0.1." + (personality.ordinal() + 1);
    }

    @Test
    void openRelayDeliversTheMessageWithItsReceivedHeader() throws Exception {
        String recipient = unique("probe") + "@probe.test";
        relay(Personality.OPEN_RELAY, recipient);

        CollectingSmtpSink.Mail mail = sink.await(WAIT);
        assertThat(mail).isNotNull();
        assertThat(mail.recipients()).containsExactly(recipient);
        assertThat(mail.mailFrom()).isEqualTo("sender@probe.test");
        assertThat(mail.peer()).as("a relay delivers from its own address").isEqualTo(address(Personality.OPEN_RELAY));
        assertThat(mail.data())
                .startsWith("Received: from scanner.test ([127.0.0.1])\r\n\tby " + lab.hostName(address(Personality.OPEN_RELAY)))
                .contains("for <" + recipient + ">")
                .contains("X-Originating-IP: [192.0.2.7]")
                .contains("\r\n.a line that starts with a dot\r\n");
    }

    @Test
    void anonymousRelayDeliversWithoutAnyTrace() throws Exception {
        relay(Personality.OPEN_RELAY_ANONYMOUS, unique("anon") + "@probe.test");

        CollectingSmtpSink.Mail mail = sink.await(WAIT);
        assertThat(mail).isNotNull();
        assertThat(mail.data()).doesNotContain("Received:").doesNotContain("X-Originating").startsWith("Subject: lab test\r\n");
    }

    @Test
    void closedHostDeniesRelayingAtRcpt() throws Exception {
        try (RawSmtpClient client = greeted(Personality.CLOSED)) {
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<probe@probe.test>")).startsWith("550 5.7.1");
            assertThat(client.send("RCPT TO:<probe%probe.test@lab>")).startsWith("550 5.7.1");
            assertThat(client.send("QUIT")).startsWith("221");
        }
        assertThat(lab.commands(address(Personality.CLOSED)))
                .containsSubsequence("EHLO scanner.test", "MAIL FROM:<sender@probe.test>", "RCPT TO:<probe@probe.test>", "QUIT");
    }

    @ParameterizedTest
    @EnumSource(value = Personality.class, names = {"PERCENT_HACK", "BANG_PATH", "SOURCE_ROUTE", "QUOTED"})
    void loopholeHostAcceptsExactlyItsEnvelopeFamilyAndDeliversToTheDecodedMailbox(Personality personality) throws Exception {
        String user = unique("loop");
        List<String> forms = List.of(
                user + "@probe.test",
                user + "%probe.test@[127.0.1.1]",
                "probe.test!" + user,
                "probe.test!" + user + "@[127.0.1.1]",
                "@[127.0.1.1]:" + user + "@probe.test",
                "\"" + user + "@probe.test\"",
                "\"" + user + "@probe.test\"@[127.0.1.1]",
                "\"" + user + "%probe.test\"",
                user + "@probe.test@[127.0.1.1]");
        int accepted = 0;
        try (RawSmtpClient client = greeted(personality)) {
            for (String form : forms) {
                assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
                String reply = client.send("RCPT TO:<" + form + ">");
                boolean ownFamily = RelayAddress.decode(form).family() == personality.loophole().orElseThrow();
                assertThat(reply).as(form).startsWith(ownFamily ? "250" : "550");
                if (ownFamily) {
                    accepted++;
                    assertThat(client.send("DATA")).startsWith("354");
                    assertThat(client.send(MESSAGE + ".")).startsWith("250");
                    CollectingSmtpSink.Mail mail = sink.await(WAIT);
                    assertThat(mail).as(form + " delivered").isNotNull();
                    assertThat(mail.recipients()).containsExactly(user + "@probe.test");
                } else {
                    assertThat(client.send("RSET")).startsWith("250");
                }
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void greylistDefersTheFirstAttemptAndRelaysTheRetry() throws Exception {
        String recipient = unique("grey") + "@probe.test";
        try (RawSmtpClient client = greeted(Personality.GREYLIST)) {
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<" + recipient + ">")).startsWith("450 4.7.1");
            assertThat(client.send("RCPT TO:<" + recipient + ">")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("354");
            assertThat(client.send(MESSAGE + ".")).startsWith("250");
        }
        assertThat(sink.await(WAIT).recipients()).containsExactly(recipient);
    }

    @Test
    void acceptThenDropSaysYesAndDeliversNothing() throws Exception {
        long before = lab.deliveries();
        try (RawSmtpClient client = greeted(Personality.ACCEPT_THEN_DROP)) {
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<dropped@probe.test>")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("354");
            assertThat(client.send(MESSAGE + ".")).startsWith("250");
        }
        assertThat(sink.await(Duration.ofMillis(300))).isNull();
        assertThat(lab.deliveries()).isEqualTo(before);
    }

    @Test
    void lateRelayDeliversOnlyAfterItsDelay() throws Exception {
        long sent = System.nanoTime();
        relay(Personality.OPEN_RELAY_LATE, unique("late") + "@probe.test");
        CollectingSmtpSink.Mail mail = sink.await(WAIT);
        assertThat(mail).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(LATE);
    }

    @Test
    void relayRetriesWhenTheReceiverDefers() throws Exception {
        sink.deferNext(2);
        String recipient = unique("retry") + "@probe.test";
        relay(Personality.OPEN_RELAY, recipient);
        assertThat(sink.await(WAIT).recipients()).containsExactly(recipient);
    }

    @Test
    void silentHostAcceptsTheConnectionAndSaysNothing() throws Exception {
        String address = address(Personality.SILENT);
        try (RawSmtpClient client = new RawSmtpClient(address, lab.port(), Duration.ofMillis(300))) {
            assertThatThrownBy(client::line).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(lab.connections(address)).isPositive();
    }

    @Test
    void greeting421HangsUp() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.GREETING_421), lab.port())) {
            assertThat(client.reply()).isEqualTo("421 4.3.2 Service not available");
            assertThat(client.serverClosed()).isTrue();
        }
    }

    @Test
    void greeting554AnswersOnly503UntilQuit() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.GREETING_554), lab.port())) {
            assertThat(client.reply()).startsWith("554 5.7.1");
            assertThat(client.send("EHLO scanner.test")).startsWith("503");
            assertThat(client.send("MAIL FROM:<a@probe.test>")).startsWith("503");
            assertThat(client.send("QUIT")).startsWith("221");
            assertThat(client.serverClosed()).isTrue();
        }
    }

    @Test
    void unboundAddressRefusesTheConnection() {
        assertThatThrownBy(() -> new RawSmtpClient("127.0.1.250", lab.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void notSmtpShowsAnSshBanner() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.NOT_SMTP), lab.port())) {
            assertThat(client.line()).isEqualTo("SSH-2.0-OpenSSH_9.2p1");
        }
    }

    @Test
    void garbageHostSendsBinaryAndAnOverlongLineAroundIts220() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.GARBAGE), lab.port())) {
            assertThat(client.line()).contains("\u0000").contains("\u001b");
            assertThat(client.line()).hasSizeGreaterThan(1024 * 1024).matches("A+");
            assertThat(client.line()).startsWith("220 ");
            assertThat(client.line()).contains("\u0000");
        }
    }

    @Test
    void hostileHostCarriesReportPayloadsAndStillRelays() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.HOSTILE), lab.port())) {
            assertThat(client.reply()).startsWith("220 ").contains("<script>alert(1)</script>", "=cmd|' /C calc'!A0",
                    "\u001b[31m", "\u0000");
        }
        String recipient = unique("hostile") + "@probe.test";
        relay(Personality.HOSTILE, recipient);
        assertThat(sink.await(WAIT).recipients()).containsExactly(recipient);
    }

    @Test
    void tarpitDripsItsReplies() throws Exception {
        long start = System.nanoTime();
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.TARPIT), lab.port())) {
            String greeting = client.reply();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3L * greeting.length()));
        }
    }

    @Test
    void starttlsRequiredRefusesMailInClearAndIsClosedAfterTls() throws Exception {
        try (RawSmtpClient client = greeted(Personality.STARTTLS_REQUIRED)) {
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(client.send("STARTTLS")).startsWith("220");
            client.startTls();
            assertThat(client.send("EHLO scanner.test")).doesNotContain("STARTTLS");
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<probe@probe.test>")).startsWith("550 5.7.1");
        }
    }

    @Test
    void starttlsOpenRelayRelaysOverTls() throws Exception {
        String recipient = unique("tls") + "@probe.test";
        try (RawSmtpClient client = greeted(Personality.STARTTLS_OPEN_RELAY)) {
            assertThat(client.send("STARTTLS")).startsWith("220");
            client.startTls();
            assertThat(client.send("EHLO scanner.test")).startsWith("250");
            sendMessage(client, recipient);
        }
        CollectingSmtpSink.Mail mail = sink.await(WAIT);
        assertThat(mail.recipients()).containsExactly(recipient);
        assertThat(mail.data()).contains("with ESMTPS");
    }

    @Test
    void authRequiredAdvertisesAuthAndRefusesMail() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.AUTH_REQUIRED), lab.port())) {
            client.reply();
            assertThat(client.send("EHLO scanner.test")).contains("250-AUTH PLAIN LOGIN");
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("530 5.7.0 Authentication required");
        }
    }

    @Test
    void heloOnlyRefusesEhloAcceptsHeloAndIsClosed() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.HELO_ONLY), lab.port())) {
            client.reply();
            assertThat(client.send("EHLO scanner.test")).startsWith("500 5.5.1");
            assertThat(client.send("HELO scanner.test")).startsWith("250 ");
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<probe@probe.test>")).startsWith("550");
        }
    }

    @Test
    void disconnectAfter3HangsUpAfterTheThirdTransactionCommand() throws Exception {
        String recipient = unique("hangup") + "@probe.test";
        try (RawSmtpClient client = greeted(Personality.DISCONNECT_AFTER_3)) {
            sendMessage(client, recipient);
            assertThat(client.serverClosed()).isTrue();
        }
        assertThat(sink.await(WAIT).recipients()).containsExactly(recipient);
    }

    @Test
    void multilineHostGreetsAndAnswersInSeveralLines() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.MULTILINE), lab.port())) {
            assertThat(client.reply().lines()).hasSize(3).allMatch(line -> line.startsWith("220"));
            assertThat(client.send("NOOP").lines()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(address(Personality.CLOSED), lab.port())) {
            client.reply();
            assertThat(client.send("EHLO scanner.test")).contains("250-PIPELINING", "250-SIZE", "250 8BITMIME");
            client.write("MAIL FROM:<a@probe.test>\r\nRCPT TO:<b@probe.test>\r\nRSET\r\nNOOP\r\n");
            assertThat(List.of(client.reply(), client.reply(), client.reply(), client.reply()))
                    .satisfiesExactly(
                            mail -> assertThat(mail).startsWith("250 2.1.0"),
                            rcpt -> assertThat(rcpt).startsWith("550"),
                            rset -> assertThat(rset).startsWith("250 2.0.0 Reset"),
                            noop -> assertThat(noop).startsWith("250 2.0.0 OK"));
        }
    }

    @Test
    void aLabWithoutPipeliningDoesNotOfferIt() throws Exception {
        try (Lab plain = Lab.builder().port(0).pipelining(false).host("127.0.2.1", Personality.CLOSED).start();
             RawSmtpClient client = new RawSmtpClient("127.0.2.1", plain.port())) {
            client.reply();
            String ehlo = client.send("EHLO scanner.test");
            assertThat(ehlo).contains("250-SIZE", "250 8BITMIME").doesNotContain("PIPELINING");
            assertThat(client.send("MAIL FROM:<a@probe.test>")).startsWith("250 2.1.0");
        }
    }

    @Test
    void oversizedMessageIsRefusedWith552() throws Exception {
        try (RawSmtpClient client = greeted(Personality.ACCEPT_THEN_DROP)) {
            assertThat(client.send("MAIL FROM:<sender@probe.test> SIZE=999999")).startsWith("552");
            assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
            assertThat(client.send("RCPT TO:<big@probe.test>")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("354");
            assertThat(client.send("Subject: big\r\n\r\n" + "x".repeat(5000) + "\r\n.")).startsWith("552 5.3.4");
            assertThat(client.send("NOOP")).startsWith("250");
        }
    }

    @Test
    void overlongCommandIsRefusedAndTheSessionGoesOn() throws Exception {
        try (RawSmtpClient client = greeted(Personality.CLOSED)) {
            assertThat(client.send("NOOP " + "x".repeat(10_000))).startsWith("500 5.5.2 Line too long");
            assertThat(client.send("NOOP")).startsWith("250");
        }
    }

    private static RawSmtpClient greeted(Personality personality) throws IOException {
        RawSmtpClient client = new RawSmtpClient(address(personality), lab.port());
        assertThat(client.reply()).startsWith("220");
        assertThat(client.send("EHLO scanner.test")).startsWith("250");
        return client;
    }

    private static void relay(Personality personality, String recipient) throws IOException {
        try (RawSmtpClient client = greeted(personality)) {
            sendMessage(client, recipient);
            client.send("QUIT");
        }
    }

    private static void sendMessage(RawSmtpClient client, String recipient) throws IOException {
        assertThat(client.send("MAIL FROM:<sender@probe.test>")).startsWith("250");
        assertThat(client.send("RCPT TO:<" + recipient + ">")).startsWith("250");
        assertThat(client.send("DATA")).startsWith("354");
        assertThat(client.send(MESSAGE.replace("\r\n.a line", "\r\n..a line") + ".")).startsWith("250");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
