package org.smtprc.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.smtprc.probe.RelayForm;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The one home of SmtpRC's installation settings, read through MicroProfile Config at each use: a WildFly system
 * property ({@code /system-property=smtprc.scope:add(value="198.51.100.0/24")}) or an environment variable named by
 * MicroProfile Config's rule ({@code SMTPRC_SCOPE}, see {@link #environmentName(String)}), the system property
 * winning; else the default shown here. Per-scan options in a scan request override the scan defaults.
 */
@ApplicationScoped
public class Settings {

    private final Config fixed;

    public Settings() {
        this(null);
    }

    /** Settings from the given configuration instead of the deployment's (for tests). */
    Settings(Config config) {
        this.fixed = config;
    }

    /** Networks this installation may scan. Loopback only until an operator says otherwise. */
    public String scope() {
        return text("smtprc.scope", "127.0.0.0/8,::1");
    }

    /** Largest scan accepted, in addresses (a /14). */
    public long maxAddresses() {
        return number("smtprc.max-addresses", 262_144);
    }

    /** Probes in flight at once across all scans of this server. */
    public int maxInFlight() {
        return integer("smtprc.max-in-flight", 2_000);
    }

    /**
     * Relay tests in one SMTP session at most; the next ones get a new session. Mail servers end a session after
     * so many errors (Postfix: 20, and slows down after 10), and every refused test is one.
     */
    public int testsPerSession() {
        return integer("smtprc.tests-per-session", 8);
    }

    /** Probes of one address (its ports) at once. */
    public int maxPerHost() {
        return integer("smtprc.max-per-host", 4);
    }

    /** Probes within one IPv4 /24 (IPv6 /64) at once, across all scans. */
    public int maxPerNetwork() {
        return integer("smtprc.max-per-network", 256);
    }

    /** Hosts whose probe may start per second, across all scans; 0 for no limit. */
    public int maxNewHostsPerSecond() {
        return integer("smtprc.max-new-hosts-per-second", 0);
    }

    /** Address blocks a scan is split into (each one a partition, and a unit of restart). */
    public int partitions() {
        return integer("smtprc.partitions", 8);
    }

    /** Address blocks running at the same time (batch threads each). */
    public int parallelPartitions() {
        return integer("smtprc.parallel-partitions", 8);
    }

    /** Hosts per chunk: probes of a chunk run concurrently; the checkpoint follows each chunk. */
    public int chunkSize() {
        return integer("smtprc.chunk-size", 100);
    }

    public Duration connectTimeout() {
        return millis("smtprc.connect-timeout-ms", 5_000);
    }

    public Duration commandTimeout() {
        return millis("smtprc.command-timeout-ms", 15_000);
    }

    /** Upper bound for one host's whole conversation, so a tarpit cannot stall a partition. */
    public Duration hostBudget() {
        return millis("smtprc.host-budget-ms", 90_000);
    }

    /** How long a scan waits for relayed probe mail after probing ended. */
    public Duration confirmationWindow() {
        return millis("smtprc.confirmation-window-ms", 60_000);
    }

    /** Greylisting servers accept a retry after a few minutes; 0 turns the second attempt off. */
    public Duration greylistRetry() {
        return millis("smtprc.greylist-retry-ms", 300_000);
    }

    /**
     * How long after a scan the relays it found are probed again (the original SmtpRC's FAQ gives the owner 24 hours
     * to fix an open relay); the notices state the deadline this gives.
     */
    public Duration recheckDelay() {
        return millis("smtprc.recheck.delay-ms", 86_400_000);
    }

    /** Where the operator's digest (and notices about hosts no owner network covers) goes. */
    public String noticesOperator() {
        return text("smtprc.notices.operator", contact());
    }

    /** The page notices point owners to for how to close an open relay. */
    public String noticesRemediationUrl() {
        return text("smtprc.notices.remediation-url", "https://www.rfc-editor.org/rfc/rfc2505");
    }

    /** A folder of operator-edited notice templates (found.txt, fixed.txt, escalation.txt, digest.txt); empty: built-in. */
    public String noticesTemplateDirectory() {
        return text("smtprc.notices.template-dir", "");
    }

    /** Connect, read and write timeout of each notice's conversation with the outgoing mail server. */
    public Duration noticesSmtpTimeout() {
        return millis("smtprc.notices.smtp-timeout-ms", 20_000);
    }

    public String defaultProfile() {
        return text("smtprc.profile", "quick");
    }

    /** The name we announce in HELO/EHLO. */
    public String heloName() {
        return text("smtprc.helo-name", "smtprc-scanner.invalid");
    }

    /** The probe mailbox: relayed test mail is addressed to local-part@domain, and nothing else is accepted. */
    public String probeLocalPart() {
        return text("smtprc.probe.local-part", "relaytest");
    }

    /** The envelope sender of our relay tests, where only returned mail (bounces) arrives. */
    public String probeReturnLocalPart() {
        return RelayForm.returnLocalPart(probeLocalPart());
    }

    public String probeDomain() {
        return text("smtprc.probe.domain", "probe.smtprc.invalid");
    }

    public String operatorName() {
        return text("smtprc.operator", "the network operator");
    }

    public String contact() {
        return text("smtprc.contact", "postmaster@" + probeDomain());
    }

    /** The in-app SMTP receiver that catches relayed probe mail. */
    public String receiverBindAddress() {
        return text("smtprc.receiver.address", "127.0.0.1");
    }

    public int receiverPort() {
        return integer("smtprc.receiver.port", 10_025);
    }

    public int receiverMaxMessageBytes() {
        return integer("smtprc.receiver.max-message-bytes", 256 * 1024);
    }

    public int receiverMaxConnections() {
        return integer("smtprc.receiver.max-connections", 1_000);
    }

    public Duration receiverIdleTimeout() {
        return millis("smtprc.receiver.idle-timeout-ms", 60_000);
    }

    /** An operator-edited battery file; empty means the built-in one. */
    public String batteryFile() {
        return text("smtprc.battery.file", "");
    }

    /** An operator-edited probe message template; empty means the built-in one. */
    public String messageTemplateFile() {
        return text("smtprc.message.template", "");
    }

    /** After a crash: restart interrupted scans at startup (true) or wait for the operator (false). */
    public boolean resumeInterrupted() {
        return flag("smtprc.resume-interrupted", false);
    }

    /**
     * This server is one node of a cluster sharing its database (README "Cluster"): it leaves the scans that other
     * nodes run to them.
     */
    public boolean clusterEnabled() {
        return flag("smtprc.cluster.enabled", false);
    }

    /**
     * In a cluster: how long a node's lease lasts; each node renews its own every third of it, and takes over the blocks
     * of a node whose lease has run out (a node that died: SIGKILL, power cut).
     */
    public Duration clusterLease() {
        return millis("smtprc.cluster.lease-ms", 30_000);
    }

    /** This server's name among the nodes of a cluster: WildFly's {@code jboss.node.name} (by default the host name). */
    public String nodeName() {
        return text("jboss.node.name", "");
    }

    /** Days quarantined mail is kept before it is deleted; 0 keeps it for ever. */
    public int quarantineRetentionDays() {
        return integer("smtprc.quarantine.retention-days", 30);
    }

    /** Rows the quarantine holds at most; further junk is dropped and counted. 0: no cap. */
    public long quarantineMaxRows() {
        return number("smtprc.quarantine.max-rows", 100_000);
    }

    /** Quarantined mails kept per sending address (client address, else envelope sender) per hour; 0: no limit. */
    public int quarantinePerSenderPerHour() {
        return integer("smtprc.quarantine.per-sender-per-hour", 100);
    }

    /** Receiver sessions at once from one client: an IPv4 address, or an IPv6 /64. */
    public int receiverMaxConnectionsPerAddress() {
        return integer("smtprc.receiver.max-connections-per-address", 20);
    }

    /** The whole of one receiver session, however busy the client keeps it. */
    public Duration receiverSessionTimeout() {
        return millis("smtprc.receiver.session-timeout-ms", 300_000);
    }

    /** From the receiver's 354 to the message's final dot. */
    public Duration receiverDataTimeout() {
        return millis("smtprc.receiver.data-timeout-ms", 120_000);
    }

    /** Message bytes all receiver sessions together may hold in memory; past it, senders get 452 (try later). */
    public long receiverMaxBufferedBytes() {
        return number("smtprc.receiver.max-buffered-bytes", 64L * 1024 * 1024);
    }

    /** Whether the receiver offers STARTTLS. */
    public boolean receiverStartTls() {
        return flag("smtprc.receiver.starttls", true);
    }

    /** A PKCS12 or JKS key store with the receiver's TLS key and certificate; empty: a self-signed one made at start. */
    public String receiverTlsKeyStore() {
        return text("smtprc.receiver.tls.key-store", "");
    }

    /** The password of that key store and of its key. */
    public String receiverTlsKeyStorePassword() {
        return text("smtprc.receiver.tls.key-store-password", "");
    }

    /** smtprc.receiver.address as set, empty when unset: then the socket binding smtprc-receiver decides. */
    public Optional<String> receiverAddressSetting() {
        return value("smtprc.receiver.address");
    }

    /** smtprc.receiver.port as set (used as it is, no port offset), empty when unset: then the socket binding decides. */
    public Optional<Integer> receiverPortSetting() {
        return value("smtprc.receiver.port").map(set -> receiverPort());
    }

    /**
     * Relayed mail waiting on the inbound queue beyond which SmtpRC reports itself not ready: the matching bean is
     * not keeping up (or not consuming at all), so proof comes late. 0: no limit.
     */
    public long healthMaxQueuedMail() {
        return number("smtprc.health.max-queued-mail", 10_000);
    }

    /** How long the readiness check waits for a database connection and its validation. */
    public Duration healthDatabaseTimeout() {
        return millis("smtprc.health.database-timeout-ms", 5_000);
    }

    /**
     * The most relayed mails the matching bean judges in one transaction (group commit): mails that arrive while a
     * transaction commits wait for the next one, which takes them together. 1: one transaction per mail.
     */
    public int inboundGroupCommit() {
        return integer("smtprc.inbound.group-commit", 32);
    }

    /**
     * The environment variable MicroProfile Config reads for a setting: each character other than a letter or a
     * digit becomes '_', then all upper case ({@code smtprc.receiver.max-connections-per-address} is
     * {@code SMTPRC_RECEIVER_MAX_CONNECTIONS_PER_ADDRESS}).
     */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private Config config() {
        return fixed != null ? fixed : ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    /** The setting's value, trimmed; empty when unset or blank. */
    Optional<String> value(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String text(String key, String fallback) {
        return value(key).orElse(fallback);
    }

    private long number(String key, long fallback) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw invalid(key, value.get(), "a whole number");
        }
        if (number < 0) {
            throw invalid(key, value.get(), "a whole number, 0 or more");
        }
        return number;
    }

    private int integer(String key, int fallback) {
        long number = number(key, fallback);
        if (number > Integer.MAX_VALUE) {
            throw invalid(key, Long.toString(number), "a whole number up to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    private Duration millis(String key, long fallback) {
        return Duration.ofMillis(number(key, fallback));
    }

    private boolean flag(String key, boolean fallback) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value.get(), "true or false");
        };
    }

    private static IllegalStateException invalid(String key, String value, String expected) {
        return new IllegalStateException("setting " + key + " (environment variable " + environmentName(key) + ") is \""
                + value + "\", not " + expected + "; fix it or remove it to use the default");
    }
}
