package org.smtprc.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.smtprc.config.ReceiverEndpoint;
import org.smtprc.config.Settings;
import org.smtprc.receiver.ReceiverLimits;
import org.smtprc.receiver.ReceiverSettings;
import org.smtprc.receiver.ReceiverTls;
import org.smtprc.receiver.SmtpReceiver;
import org.smtprc.scan.OwnHeloNames;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs the in-app SMTP receiver for the probe domain. A message is acknowledged to the sending relay only
 * once it is on the inbound queue, so relayed mail is never lost: a failure makes the relay retry later.
 * STARTTLS uses the operator's key store if one is set, else a self-signed certificate made at each start. Where it
 * listens: {@link ReceiverEndpoint} (the settings, else the socket binding smtprc-receiver with the port offset).
 */
@Singleton
@Startup
public class InboundMailGateway {

    private static final Logger LOG = Logger.getLogger(InboundMailGateway.class.getName());
    /** File descriptors the rest of the server wants besides receiver sessions and probes: jars, database, HTTP. */
    private static final long SERVER_FILES = 1_024;

    @Inject
    InboundMailSender queue;

    @Inject
    Settings settings;

    @Inject
    OwnHeloNames ownHeloNames;

    @Inject
    ReceiverEndpoint endpoint;

    /** Where the receiver listens (or tried to), chosen once at start: settings read later take effect on redeploy. */
    private volatile ReceiverEndpoint.Chosen at;
    private volatile SmtpReceiver receiver;
    /** Why the receiver did not start, in the operator's words; null once it listens. */
    private volatile String startFailure = "the receiver has not started yet";

    @PostConstruct
    void start() {
        try {
            at = endpoint.chosen();
        } catch (IllegalStateException e) {
            fail("the receiver did not start: " + e.getMessage());
            return;
        }
        try {
            ReceiverLimits limits = new ReceiverLimits(settings.receiverMaxMessageBytes(),
                    settings.receiverMaxConnections(), settings.receiverMaxConnectionsPerAddress(),
                    settings.receiverIdleTimeout(), settings.receiverSessionTimeout(), settings.receiverDataTimeout(),
                    settings.receiverMaxBufferedBytes());
            ReceiverSettings receiverSettings = new ReceiverSettings(bindAddress(), at.port(),
                    settings.probeDomain(), settings.heloName(), limits);
            SSLContext tls = tls();
            SmtpReceiver starting = new SmtpReceiver(receiverSettings, queue, tls, ownHeloNames::contains);
            starting.start();
            receiver = starting;
            startFailure = null;
            long openFiles = openFilesLimit();
            LOG.info(() -> "SmtpRC receiver listening on " + at.address() + ":" + receiver.port() + " (" + at.from()
                    + ") for mail to @" + settings.probeDomain() + ", STARTTLS " + (tls == null ? "off" : "on")
                    + ", up to " + limits.maxConnections() + " sessions (" + limits.maxConnectionsPerClient()
                    + " per client address); the server's open-files limit is " + openFiles);
            if (openFiles > 0 && openFiles < limits.maxConnections() + settings.maxInFlight() + SERVER_FILES) {
                LOG.warning(() -> "the server's open-files limit (" + openFiles + ") is lower than receiver sessions ("
                        + limits.maxConnections() + ") plus probes in flight (" + settings.maxInFlight() + ") plus "
                        + SERVER_FILES + " for the rest of the server: raise it (ulimit -n) or lower"
                        + " smtprc.receiver.max-connections or smtprc.max-in-flight");
            }
        } catch (IOException e) {
            fail("the receiver could not start on " + at + " (" + at.from() + "; " + e.getMessage() + "): free the port,"
                    + " or change the socket binding smtprc-receiver or set smtprc.receiver.port, then redeploy");
        } catch (IllegalArgumentException e) {
            fail("the receiver did not start: " + e.getMessage() + "; fix the smtprc.receiver.* settings, then"
                    + " redeploy");
        }
    }

    private void fail(String reason) {
        startFailure = reason;
        LOG.severe(() -> "SmtpRC " + reason + ". Relayed probe mail cannot be confirmed until then.");
    }

    /**
     * Why relayed mail cannot reach the receiver now, or empty while it listens: the reason it did not start, or
     * that it stopped taking connections.
     */
    @Lock(LockType.READ)
    public Optional<String> notListening() {
        SmtpReceiver current = receiver;
        if (current == null) {
            return Optional.of(startFailure);
        }
        return current.listening() ? Optional.empty() : Optional.of("the receiver on " + at.address() + ":"
                + current.port() + " no longer takes connections: redeploy SmtpRC or restart the server");
    }

    /** Sessions the receiver holds now; 0 while it is not running. */
    @Lock(LockType.READ)
    public int connections() {
        SmtpReceiver current = receiver;
        return current == null ? 0 : current.sessions();
    }

    /** Connections the receiver turned away at its limits since it started; 0 while it is not running. */
    @Lock(LockType.READ)
    public long refusedConnections() {
        SmtpReceiver current = receiver;
        return current == null ? 0 : current.refused();
    }

    /** Whether the receiver started listening at deployment (it may have stopped since). */
    @Lock(LockType.READ)
    public boolean started() {
        return receiver != null;
    }

    /** Where the receiver listens (or tried to), e.g. "127.0.0.1:10025"; empty if it could not tell. */
    @Lock(LockType.READ)
    public String address() {
        ReceiverEndpoint.Chosen chosen = at;
        return chosen == null ? "" : chosen.toString();
    }

    /** The bind address must be a literal: the receiver never asks DNS. */
    private InetAddress bindAddress() throws IOException {
        String literal = at.address();
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("smtprc.receiver.address must be an IP address, not \"" + literal + "\"");
        }
        return InetAddress.getByName(literal);
    }

    /** The key and certificate STARTTLS offers, or null for none: a relay that insists on TLS cannot deliver then. */
    private SSLContext tls() {
        if (!settings.receiverStartTls()) {
            return null;
        }
        String keyStore = settings.receiverTlsKeyStore();
        try {
            return keyStore.isEmpty() ? ReceiverTls.selfSigned(settings.heloName())
                    : ReceiverTls.fromKeyStore(Path.of(keyStore), settings.receiverTlsKeyStorePassword().toCharArray());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.severe(() -> "the receiver offers no STARTTLS: " + (keyStore.isEmpty() ? "could not make a self-signed certificate"
                    : "cannot read the key store " + keyStore) + " (" + e + "). Relays that insist on TLS cannot"
                    + " deliver proof. Check smtprc.receiver.tls.key-store and smtprc.receiver.tls.key-store-password"
                    + " (a PKCS12 or JKS file whose key has the store's password), then redeploy.");
            return null;
        }
    }

    /** The process's limit on open files, or 0 where the platform does not say. */
    private static long openFilesLimit() {
        try {
            Object limit = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "MaxFileDescriptorCount");
            return limit instanceof Long count ? count : 0;
        } catch (JMException e) {
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
