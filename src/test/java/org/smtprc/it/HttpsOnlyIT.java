package org.smtprc.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * wildfly-config/https-only.cli, applied as the README says to a copy of the provisioned server: the API answers over
 * TLS with the script's own certificate, the HTTP port refuses connections, and the cross-site guard knows the
 * request came over https.
 */
class HttpsOnlyIT {

    /** Beside the Arquillian server's ports (offset by -Dsmtprc.it.port-offset), so both can run at once. */
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 50;
    private static final Path BASE_DIR = Path.of("target/https-only");

    private WildFlyProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApiAnswersOverTlsOnlyWithTheScriptsCertificate() throws Exception {
        WildFlyProcess.deleteTree(BASE_DIR);
        server = new WildFlyProcess(WildFlyProcess.defaultHome(), BASE_DIR, PORT_OFFSET, Map.of(
                "smtprc.receiver.port", Integer.toString(SmtpRcDeployment.RECEIVER_PORT + 50)));
        Path configuration = server.configuration();
        applyHttpsOnly(configuration.getParent());
        assertThat(Files.getPosixFilePermissions(configuration.resolve("smtprc-https.p12")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // Trust on first use, as an operator does with a self-signed certificate: learn it, then trust only it.
        FirstSeen firstSeen = new FirstSeen();
        SSLContext learning = SSLContext.getInstance("TLS");
        learning.init(null, new TrustManager[]{firstSeen}, null);
        server.overHttps(learning).start(WildFlyProcess.defaultWar(), Duration.ofMinutes(5));
        X509Certificate certificate = firstSeen.certificate;
        assertThat(certificate.getSubjectX500Principal().getName()).contains("O=SmtpRC self-signed", "CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames())
                .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("127.0.0.1"));
        SSLContext pinned = trusting(certificate);

        URI base = server.baseUri();
        assertThat(base.getScheme()).isEqualTo("https");
        ScanApi operator = new ScanApi(base, TestUsers.OPERATOR, pinned);
        HttpRequest viewerRead = HttpRequest.newBuilder(base.resolve("api/scope"))
                .header("Authorization", basic(TestUsers.VIEWER)).build();
        HttpResponse<String> read = HttpClient.newBuilder().sslContext(pinned).build()
                .send(viewerRead, HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

        String scope = "{\"networks\": \"127.0.0.0/8, ::1\"}";
        assertThat(operator.send("PUT", "api/scope", Map.of("Content-Type", "application/json",
                "Origin", operator.origin()), scope).status()).as("its own https page").isEqualTo(200);
        int httpPort = 8080 + PORT_OFFSET;
        assertThat(operator.send("PUT", "api/scope", Map.of("Content-Type", "application/json",
                "Origin", "http://127.0.0.1:" + httpPort), scope).status()).as("a plain http page").isEqualTo(403);

        try (SSLSocket tls = (SSLSocket) pinned.getSocketFactory().createSocket("127.0.0.1", base.getPort())) {
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThatThrownBy(() -> {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.1", httpPort), 2_000);
            }
        }).as("plain HTTP on %d", httpPort).isInstanceOf(ConnectException.class);
    }

    /** Runs the script offline on the copy, with the umask the README asks for. */
    private static void applyHttpsOnly(Path baseDir) throws Exception {
        Path cli = WildFlyProcess.defaultHome().resolve("bin/jboss-cli.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "umask 077 && exec \"$0\" --file=\"$1\"",
                cli.toString(), "wildfly-config/https-only.cli").redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("https-only-cli.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir.toAbsolutePath());
        Process process = builder.start();
        assertThat(process.waitFor()).as("https-only.cli, see %s", baseDir.resolve("https-only-cli.log")).isZero();
        assertThat(Files.readString(baseDir.resolve("https-only-cli.log"))).doesNotContain("\"outcome\" => \"failed\"");
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtprc", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String basic(TestUsers.User user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.name() + ":" + user.password()).getBytes());
    }

    /** Trusts whatever the server presents and remembers it: only while waiting for the server to answer. */
    private static final class FirstSeen implements X509TrustManager {
        private volatile X509Certificate certificate;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            certificate = chain[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
