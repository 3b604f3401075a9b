package org.smtprc.proof.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.smtprc.proof.ProofToken;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installation's proof token, keyed by the secret key {@value #ALIAS} in WildFly's credential store
 * {@value #STORE} (made by wildfly-config/secrets.cli). The key is read through the server's own management
 * model (its JMX view) and kept in memory only; nothing here writes it anywhere. Read at deployment, so a
 * server without the key refuses to deploy with what to run instead of failing at the first relayed mail.
 */
@Singleton
@Startup
public class TokenKeys {

    static final String STORE = "smtprc-secrets";
    static final String ALIAS = "smtprc-token-key";
    private static final String MISSING = "the proof token key is missing from WildFly's credential store ("
            + "secret-key-credential-store " + STORE + ", alias " + ALIAS + "): configure the server with"
            + " bin/jboss-cli.sh --file=wildfly-config/secrets.cli (it creates the store and a random key and keeps"
            + " an existing one), then deploy SmtpRC again";
    /** The management model's answer: a small JSON object holding the key in the store's own encoding. */
    private static final Pattern EXPORTED = Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

    private ProofToken token;

    @PostConstruct
    void load() {
        token = new ProofToken(keyFrom(exportedKey()));
    }

    @Lock(LockType.READ)
    public ProofToken token() {
        return token;
    }

    /**
     * The HMAC key: a digest of the exported key (the store's encoding wraps the 256 random bits in a fixed
     * header), so the token key changes exactly when the stored key does.
     */
    static byte[] keyFrom(String exported) {
        Matcher key = EXPORTED.matcher(exported == null ? "" : exported);
        if (!key.find()) {
            throw new IllegalStateException(MISSING + " (the store answered without a key)");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    Base64.getDecoder().decode(key.group(1).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String exportedKey() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName store = new ObjectName("jboss.as:subsystem=elytron,secret-key-credential-store=" + STORE);
            if (!server.isRegistered(store)) {
                throw new IllegalStateException(MISSING);
            }
            return String.valueOf(server.invoke(store, "exportSecretKey", new Object[]{ALIAS},
                    new String[]{String.class.getName()}));
        } catch (JMException e) {
            throw new IllegalStateException(MISSING + " (" + e.getMessage() + ")", e);
        }
    }
}
