package org.smtprc.receiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedCertificateTest {

    /** One key for the class: an RSA key takes seconds to make on a busy machine. */
    private static final KeyPair KEYS = keys();

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2_048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theJdkReadsItAndItsSignatureHolds() throws Exception {
        KeyPair keys = KEYS;
        X509Certificate certificate = SelfSignedCertificate.of(keys, "mx.probe.test", Duration.ofDays(3_650));

        certificate.checkValidity(new Date());
        certificate.checkValidity(Date.from(new Date().toInstant().plus(Duration.ofDays(3_600))));
        certificate.verify(keys.getPublic());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mx.probe.test");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "mx.probe.test"));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void aNameThatIsNoHostNameIsInTheCommonNameOnly() throws Exception {
        X509Certificate certificate = SelfSignedCertificate.of(KEYS, "SmtpRC receiver", Duration.ofDays(1));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=SmtpRC receiver");
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void anOperatorsKeyStoreServesTls(@TempDir Path directory) throws Exception {
        KeyPair keys = KEYS;
        char[] password = "store-password".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setKeyEntry("mx", keys.getPrivate(), password,
                new Certificate[]{SelfSignedCertificate.of(keys, "mx.probe.test", Duration.ofDays(30))});
        Path file = directory.resolve("receiver.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        SSLContext server = ReceiverTls.fromKeyStore(file, password);

        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket()) {
            listener.bind(new InetSocketAddress(ReceiverClient.LOOPBACK, 0));
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) ReceiverClient.trustingContext().getSocketFactory()
                    .createSocket(ReceiverClient.LOOPBACK, listener.getLocalPort())) {
                client.startHandshake();
                X509Certificate presented = (X509Certificate) client.getSession().getPeerCertificates()[0];
                assertThat(presented.getPublicKey()).isEqualTo(keys.getPublic());
            }
            accepted.get();
        }
    }
}
