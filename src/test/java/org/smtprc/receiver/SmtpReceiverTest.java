package org.smtprc.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class SmtpReceiverTest {

    private static final InetAddress LOOPBACK = ReceiverClient.LOOPBACK;
    private final List<ReceivedMail> delivered = new CopyOnWriteArrayList<>();
    private SmtpReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private SmtpReceiver start(int maxConnections, Duration idle, MailSink sink) throws IOException {
        receiver = new SmtpReceiver(new ReceiverSettings(LOOPBACK, 0, "probe.test", "receiver.test",
                new ReceiverLimits(4_096, maxConnections, maxConnections, idle, Duration.ofMinutes(1),
                        Duration.ofMinutes(1), 1_000_000)), sink);
        receiver.start();
        return receiver;
    }

    @Test
    void itSaysWhetherItListensBeforeItsStartWhileRunningAndAfterItsClose() throws Exception {
        SmtpReceiver idle = new SmtpReceiver(oneSessionOn(0), delivered::add);
        assertThat(idle.listening()).isFalse();

        start(10, Duration.ofSeconds(5), delivered::add);
        assertThat(receiver.listening()).isTrue();
        receiver.close();
        assertThat(receiver.listening()).isFalse();
    }

    @Test
    void aPortTakenByAnotherListenerFailsTheStartAndItDoesNotListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            receiver = new SmtpReceiver(oneSessionOn(taken.getLocalPort()), delivered::add);
            assertThatIOException().isThrownBy(receiver::start);
            assertThat(receiver.listening()).isFalse();
        }
    }

    private static ReceiverSettings oneSessionOn(int port) {
        return new ReceiverSettings(LOOPBACK, port, "probe.test", "receiver.test", new ReceiverLimits(4_096, 1, 1,
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 1_000_000));
    }

    @Test
    void aMessageForTheProbeDomainReachesTheSinkWithOurReceivedLineFirst() throws Exception {
        start(10, Duration.ofSeconds(5), delivered::add);
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            assertThat(c.read()).startsWith("220 ");
            c.send("EHLO relay.example");
            assertThat(c.readReply()).contains("250 ENHANCEDSTATUSCODES").contains("PIPELINING");
            c.send("MAIL FROM:<someone@example>");
            assertThat(c.read()).startsWith("250");
            c.send("RCPT TO:<relaytest@PROBE.test>");
            assertThat(c.read()).startsWith("250");
            c.send("DATA");
            assertThat(c.read()).startsWith("354");
            c.send("Subject: hello\r\n\r\n..leading dot\r\nbody\r\n.");
            assertThat(c.read()).startsWith("250");
        }
        assertThat(delivered).hasSize(1);
        ReceivedMail mail = delivered.get(0);
        assertThat(mail.mailFrom()).isEqualTo("someone@example");
        assertThat(mail.recipients()).containsExactly("relaytest@PROBE.test");
        String data = new String(mail.data(), StandardCharsets.ISO_8859_1);
        assertThat(data).startsWith("Received: from relay.example ([127.0.0.1])").contains(SmtpReceiver.OWN_TRACE_MARK)
                .contains("\r\n.leading dot\r\nbody\r\n").doesNotContain("..leading");
    }

    @Test
    void foreignRecipientsAndRelayTricksAreRefused() throws Exception {
        start(10, Duration.ofSeconds(5), delivered::add);
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("HELO x");
            c.read();
            c.send("MAIL FROM:<a@b>");
            c.read();
            for (String rcpt : List.of("victim@example.com", "relaytest%example.com@probe.test",
                    "@probe.test:victim@example.com", "example.com!victim@probe.test", "\"victim@example.com\"@probe.test")) {
                c.send("RCPT TO:<" + rcpt + ">");
                assertThat(c.read()).as(rcpt).startsWith("550 5.7.1");
            }
            c.send("DATA");
            assertThat(c.read()).startsWith("503");
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void ourOwnScannerIsNotLetInSoScanningTheReceiverFindsNoRelay() throws Exception {
        start(10, Duration.ofSeconds(5), delivered::add);
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("EHLO receiver.test");
            c.readReply();
            c.send("MAIL FROM:<relaytest@probe.test>");
            c.read();
            c.send("RCPT TO:<relaytest@probe.test>");
            assertThat(c.read()).startsWith("550 5.7.1");
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void aScansOwnEhloNameIsRecognisedLikeTheGreetingName() throws Exception {
        receiver = new SmtpReceiver(new ReceiverSettings(LOOPBACK, 0, "probe.test", "receiver.test",
                new ReceiverLimits(4_096, 10, 10, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        1_000_000)), delivered::add, null, name -> name.equalsIgnoreCase("custom-scan.test"));
        receiver.start();
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("EHLO CUSTOM-scan.test");
            c.readReply();
            c.send("MAIL FROM:<relaytest-return@probe.test>");
            c.read();
            c.send("RCPT TO:<relaytest@probe.test>");
            assertThat(c.read()).startsWith("550 5.7.1 This is SmtpRC's own probe mailbox");
            c.send("EHLO relay.example");
            c.readReply();
            c.send("MAIL FROM:<relaytest-return@probe.test>");
            c.read();
            c.send("RCPT TO:<relaytest@probe.test>");
            assertThat(c.read()).as("any other client").startsWith("250");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        start(10, Duration.ofSeconds(5), delivered::add);
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<p@probe.test>\r\nDATA");
            assertThat(c.read()).startsWith("250");
            assertThat(c.read()).startsWith("250 2.1.0");
            assertThat(c.read()).startsWith("250 2.1.5");
            assertThat(c.read()).startsWith("354");
            c.send("x\r\n.\r\nQUIT");
            assertThat(c.read()).startsWith("250");
            assertThat(c.read()).startsWith("221");
        }
        assertThat(delivered).hasSize(1);
    }

    @Test
    void oversizedMessagesAreRefusedAndNotDelivered() throws Exception {
        start(10, Duration.ofSeconds(5), delivered::add);
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("HELO x\r\nMAIL FROM:<a@b> SIZE=99999");
            c.read();
            assertThat(c.read()).startsWith("552");
            c.send("MAIL FROM:<a@b>\r\nRCPT TO:<p@probe.test>\r\nDATA");
            c.read();
            c.read();
            c.read();
            c.send(("y".repeat(900) + "\r\n").repeat(10) + ".");
            assertThat(c.read()).startsWith("552");
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void aSinkFailureAnswers451SoTheRelayRetries() throws Exception {
        start(10, Duration.ofSeconds(5), mail -> {
            throw new IllegalStateException("queue down");
        });
        try (ReceiverClient c = new ReceiverClient(receiver.port())) {
            c.read();
            c.send("HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<p@probe.test>\r\nDATA");
            c.read();
            c.read();
            c.read();
            c.read();
            c.send("x\r\n.");
            assertThat(c.read()).startsWith("451");
        }
    }

    @Test
    void connectionsOverTheLimitAndIdleClientsGet421() throws Exception {
        start(1, Duration.ofMillis(300), delivered::add);
        try (ReceiverClient first = new ReceiverClient(receiver.port()); ReceiverClient second = new ReceiverClient(receiver.port())) {
            assertThat(first.read()).startsWith("220");
            assertThat(second.read()).startsWith("421");
            assertThat(first.read()).startsWith("421 4.4.2");
        }
    }

    @Test
    void closeFreesThePortAndEndsEverySession() throws Exception {
        start(10, Duration.ofSeconds(30), delivered::add);
        int port = receiver.port();
        ReceiverClient idle = new ReceiverClient(port);
        idle.read();
        receiver.close();
        assertThat(idle.read()).isNull();
        idle.close();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(LOOPBACK, port));
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("smtprc-receiver"));
    }
}
