package org.smtprc.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import org.smtprc.proof.ProofToken;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installation's proof token, keyed by the secret key {@value #ALIAS} in WildFly's credential store
 * {@value #STORE} (made by wildfly-config/secrets.cli). The key is read through the server's own management
 * model (its JMX view) and kept in memory only; nothing here writes it anywhere.
 * <p>
 * Deployed into a running server, a missing key fails the deployment with what to run. While the server boots
 * its management model is not readable yet, so then the key is checked as soon as the boot is over, and a
 * missing key is logged as an error with the same instructions.
 */
@Singleton
@Startup
public class TokenKeys {

    private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());
    static final String STORE = "smtprc-secrets";
    static final String ALIAS = "smtprc-token-key";
    private static final String MISSING = "the proof token key is missing from WildFly's credential store ("
            + "secret-key-credential-store " + STORE + ", alias " + ALIAS + "): configure the server with"
            + " bin/jboss-cli.sh --file=wildfly-config/secrets.cli (it creates the store and a random key and keeps"
            + " an existing one), then deploy SmtpRC again";
    /** The management model's answer: a small JSON object holding the key in the store's own encoding. */
    private static final Pattern EXPORTED = Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");
    private static final Duration BOOT_LIMIT = Duration.ofMinutes(5);

    @Resource
    TimerService timers;

    private volatile ProofToken token;

    @PostConstruct
    void check() {
        if (serverRunning()) {
            token();
        } else {
            timers.createSingleActionTimer(1_000, new TimerConfig(null, false));
        }
    }

    @Timeout
    void checkAfterBoot() {
        try {
            token();
        } catch (IllegalStateException missing) {
            LOG.log(Level.SEVERE, missing.getMessage());
        }
    }

    @Lock(LockType.READ)
    public ProofToken token() {
        ProofToken current = token;
        if (current == null) {
            current = new ProofToken(keyFrom(exportedKey()));
            token = current;
        }
        return current;
    }

    /**
     * Why proof cannot be verified from the credential store now, or empty while the key is there: the store or the
     * key is gone (removed since SmtpRC read it, the key in memory would not survive a redeploy), or the server is
     * still booting (then it does not wait).
     */
    @Lock(LockType.READ)
    public Optional<String> missing() {
        if (!serverRunning()) {
            return Optional.of("not checked yet: the server is still booting");
        }
        try {
            keyFrom(exportedKey());
            token();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
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

    /** Waits out a boot in progress (a scan restarted during boot may ask early), then asks the store. */
    private static String exportedKey() {
        Instant deadline = Instant.now().plus(BOOT_LIMIT);
        while (!serverRunning() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server to finish booting", e);
            }
        }
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

    /** Whether the server has finished booting (its management model then answers in full). */
    private static boolean serverRunning() {
        try {
            Object state = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("jboss.as:management-root=server"), "serverState");
            return !"starting".equalsIgnoreCase(String.valueOf(state));
        } catch (JMException | RuntimeException booting) {
            return false;
        }
    }
}
