package org.smtprc.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The lab's TLS identity: a throw-away self-signed certificate made by the JDK's own keytool at lab start (so no
 * key material lives in the repository), kept in a temporary PKCS12 file that is deleted when the lab closes.
 */
final class LabTls implements AutoCloseable {

    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private static final String KEY_STORE_FILE = "lab.p12";

    private final Path directory;
    private final SSLContext context;

    private LabTls(Path directory, SSLContext context) {
        this.directory = directory;
        this.context = context;
    }

    static LabTls generate() {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("smtprc-lab-tls");
            Path keyStore = directory.resolve(KEY_STORE_FILE);
            // a fresh random password per lab: the store only has to survive until it is loaded below
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            runKeytool(keyStore, password);
            return new LabTls(directory, sslContext(keyStore, password.toCharArray()));
        } catch (IOException | GeneralSecurityException e) {
            deleteQuietly(directory);
            throw new IllegalStateException("could not make the lab's TLS certificate: " + e.getMessage()
                    + "; check that " + keytool() + " runs and the temp directory is writable", e);
        }
    }

    SSLContext context() {
        return context;
    }

    @Override
    public void close() {
        deleteQuietly(directory);
    }

    private static void runKeytool(Path keyStore, String password) throws IOException {
        Process keytool = new ProcessBuilder(keytool().toString(), "-genkeypair", "-alias", "lab",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=SmtpRC lab", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        try (InputStream output = keytool.getInputStream()) {
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                keytool.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (keytool.exitValue() != 0) {
                throw new IOException("keytool failed with exit code " + keytool.exitValue() + ": " + text);
            }
        } catch (InterruptedException e) {
            keytool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool was running", e);
        }
    }

    private static SSLContext sslContext(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(KEY_STORE_FILE));
            Files.deleteIfExists(directory);
        } catch (IOException leftBehind) {
            // a stray temp file must not turn closing the lab into a failure
        }
    }
}
