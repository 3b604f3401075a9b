package org.smtprc.receiver;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;

/** Where the receiver's STARTTLS gets its key and certificate: an operator's key store, or a fresh self-signed one. */
public final class ReceiverTls {

    private static final String ALIAS = "receiver";
    /** The certificate is made anew at every start; ten years only so that a long-running server never outlives it. */
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3_650);

    private ReceiverTls() {
    }

    /** A new RSA key and a self-signed certificate for {@code hostName}, in memory only: nothing is written to disk. */
    public static SSLContext selfSigned(String hostName) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2_048);
        KeyPair keys = generator.generateKeyPair();
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot set up an in-memory key store", e);
        }
        store.setKeyEntry(ALIAS, keys.getPrivate(), password,
                new Certificate[]{SelfSignedCertificate.of(keys, hostName, SELF_SIGNED_VALIDITY)});
        return context(store, password);
    }

    /** The key and certificate chain in a PKCS12 or JKS file whose key has the store's password. */
    public static SSLContext fromKeyStore(Path file, char[] password) throws GeneralSecurityException, IOException {
        return context(KeyStore.getInstance(file.toFile(), password), password);
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
