package org.smtprc.receiver;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 3207 on the receiver, with Jakarta Mail as the relay that insists on TLS and a raw client for the edge cases. */
class ReceiverStartTlsTest {

    private static final String PROBE = "relaytest@probe.test";
    /** One key for the class: an RSA key takes seconds to make on a busy machine. */
    private static final SSLContext TLS = selfSigned();
    private final List<ReceivedMail> delivered = new CopyOnWriteArrayList<>();
    private SmtpReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(SSLContext tls) throws IOException {
        receiver = new SmtpReceiver(new ReceiverSettings(ReceiverClient.LOOPBACK, 0, "probe.test", "receiver.test",
                new ReceiverLimits(64 * 1024, 10, 10, Duration.ofSeconds(10), Duration.ofMinutes(1),
                        Duration.ofMinutes(1), 1 << 20)), delivered::add, tls);
        receiver.start();
    }

    @Test
    void aRelayThatInsistsOnTlsDeliversItsMailOverStartTls() throws Exception {
        start(TLS);

        sendInsistingOnTls("Subject: proof over TLS\r\n");

        assertThat(delivered).hasSize(1);
        String data = new String(delivered.getFirst().data(), StandardCharsets.ISO_8859_1);
        assertThat(data).startsWith("Received: from relay.test ([127.0.30.20])").contains("with ESMTPS id")
                .contains("proof over TLS");
    }

    @Test
    void withoutAKeyThereIsNoStartTlsAndSuchARelayCannotDeliver() throws Exception {
        start(null);
        try (ReceiverClient client = new ReceiverClient(receiver.port())) {
            client.read();
            client.send("EHLO relay.test");
            assertThat(client.readReply()).doesNotContain("STARTTLS");
            client.send("STARTTLS");
            assertThat(client.read()).startsWith("500");
        }
        assertThatThrownBy(() -> sendInsistingOnTls("Subject: refused\r\n"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
        assertThat(delivered).isEmpty();
    }

    @Test
    void plainTextSentBehindStartTlsIsDroppedAndTheClientStartsAfresh() throws Exception {
        start(TLS);
        try (ReceiverClient client = new ReceiverClient(ReceiverClient.loopback(0, 30, 21), receiver.port())) {
            client.read();
            client.send("EHLO relay.test");
            assertThat(client.readReply()).contains("250-STARTTLS");
            client.send("STARTTLS\r\nMAIL FROM:<injected@relay.test>");
            assertThat(client.read()).isEqualTo("220 2.0.0 Ready to start TLS");

            client.startTls();
            client.send("RCPT TO:<" + PROBE + ">");
            assertThat(client.read()).as("no EHLO yet, and the injected MAIL is gone").startsWith("503");
            client.send("EHLO relay.test");
            assertThat(client.readReply()).doesNotContain("STARTTLS");
            client.send("STARTTLS");
            assertThat(client.read()).startsWith("503");
            client.send("MAIL FROM:<sender@relay.test>");
            assertThat(client.read()).startsWith("250");
            client.send("RCPT TO:<" + PROBE + ">");
            assertThat(client.read()).startsWith("250");
        }
    }

    private void sendInsistingOnTls(String headers) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(receiver.port()));
        properties.put("mail.smtp.localaddress", "127.0.30.20");
        properties.put("mail.smtp.localhost", "relay.test");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        // opportunistic TLS as relays do it (RFC 7435): encrypt, whoever signed the certificate for whatever name
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.connectiontimeout", "3000");
        properties.put("mail.smtp.timeout", "3000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@relay.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(PROBE));
        message.setSubject(headers.substring("Subject: ".length()).strip());
        message.setText("a relayed probe message");
        Transport.send(message);
    }

    private static SSLContext selfSigned() {
        try {
            return ReceiverTls.selfSigned("receiver.test");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
