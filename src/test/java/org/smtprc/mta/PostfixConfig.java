package org.smtprc.mta;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * main.cf and master.cf of one Postfix instance. Common to all: own config/queue/data directories, only its own
 * loopback address, IPv4 only, no DNS at all (smtp_dns_support_level=disabled, no peer-name look-up, host names
 * set explicitly), nothing delivered locally, every outbound message (relayed mail and DSNs) to
 * {@code relayhost = [receiver]:port}, retries every few seconds, logging to a file through postlogd.
 *
 * <p>The loophole gateway ({@link MtaPersonality#POSTFIX_LOOPHOLE_GATEWAY}) has its domain in mydestination with
 * {@code local_transport} forwarding to the internal hub (the receiver), and decides relaying by an access table on
 * the recipient's domain ({@code check_recipient_access}, "gateway domain OK") before reject_unauth_destination,
 * with allow_percent_hack=yes, swap_bangpath=yes, allow_untrusted_routing=yes. Verified by experiment
 * (RealMtaLabIT): the access table matches the literal domain at RCPT, then trivial-rewrite strips the local domain
 * and resolves the local part, so these are accepted and delivered to the foreign mailbox
 * (receiver sees RCPT TO:&lt;probe@foreign&gt;):
 * <ul>
 *   <li>{@code probe%foreign@gateway} (percent hack),</li>
 *   <li>{@code foreign!probe@gateway} (bang path),</li>
 *   <li>{@code "probe@foreign"@gateway} (quoted local part);</li>
 * </ul>
 * while {@code probe@foreign} is refused (554 5.7.1 Relay access denied) and {@code @gateway:probe@foreign}
 * (source route: Postfix strips the route, leaving plain foreign) is refused too. With the textbook set-up
 * (gateway domain in relay_domains, only reject_unauth_destination) Postfix would resolve these forms to the gateway
 * domain itself and pass them on verbatim, so they would not leak here; allow_untrusted_routing only matters there.
 */
final class PostfixConfig {

    /** SASL account of {@link MtaPersonality#POSTFIX_AUTH_TLS}. */
    static final String AUTH_USER = "relayuser";
    static final String AUTH_PASSWORD = "relay-secret";
    /** postscreen_greet_wait of {@link MtaPersonality#POSTFIX_SLOW_BANNER}, seconds. */
    static final int GREET_WAIT_SECONDS = 4;

    record Paths(Path etc, Path queue, Path data, Path log, Path root) {
    }

    private final MtaPersonality personality;
    private final String address;
    private final String domain;
    private final String hostname;
    private final InetSocketAddress receiver;
    private final Paths paths;

    PostfixConfig(MtaPersonality personality, String address, String domain, String hostname,
            InetSocketAddress receiver, Paths paths) {
        this.personality = personality;
        this.address = address;
        this.domain = domain;
        this.hostname = hostname;
        this.receiver = receiver;
        this.paths = paths;
    }

    String receiverNextHop() {
        return "[" + receiver.getAddress().getHostAddress() + "]:" + receiver.getPort();
    }

    Map<String, String> main(Path greylistSocket, SelfSignedCert cert) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("compatibility_level", "3.6");
        p.put("queue_directory", paths.queue().toString());
        p.put("data_directory", paths.data().toString());
        p.put("maillog_file", paths.log().resolve("maillog").toString());
        p.put("maillog_file_prefixes", paths.log().toString());
        p.put("myhostname", hostname);
        p.put("mydomain", domain);
        p.put("myorigin", "$myhostname");
        p.put("smtpd_banner", "$myhostname ESMTP $mail_name");
        p.put("inet_interfaces", address);
        p.put("inet_protocols", "ipv4");
        p.put("mydestination", "");
        p.put("relay_domains", domain);
        p.put("mynetworks", "");
        p.put("relayhost", receiverNextHop());
        p.put("smtp_dns_support_level", "disabled");
        p.put("disable_dns_lookups", "yes");
        p.put("smtp_host_lookup", "native");
        p.put("smtpd_peername_lookup", "no");
        p.put("alias_maps", "");
        p.put("alias_database", "");
        p.put("local_recipient_maps", "");
        p.put("biff", "no");
        p.put("smtputf8_enable", "no");
        p.put("smtpd_relay_restrictions", "permit_mynetworks, reject_unauth_destination");
        p.put("queue_run_delay", "2s");
        p.put("minimal_backoff_time", "2s");
        p.put("maximal_backoff_time", "4s");
        p.put("smtp_connect_timeout", "5s");
        p.put("delay_warning_time", "0h");
        p.put("bounce_size_limit", "50000");
        switch (personality) {
            case POSTFIX_OPEN -> p.put("mynetworks", "127.0.0.0/8");
            case POSTFIX_CLOSED -> { }
            case POSTFIX_LOOPHOLE_GATEWAY -> {
                p.put("mydestination", domain);
                p.put("relay_domains", "");
                p.put("local_transport", "smtp:" + receiverNextHop());
                p.put("allow_percent_hack", "yes");
                p.put("swap_bangpath", "yes");
                p.put("allow_untrusted_routing", "yes");
                p.put("smtpd_relay_restrictions",
                        "check_recipient_access texthash:" + paths.etc().resolve("relay_access") + ", reject_unauth_destination");
            }
            case POSTFIX_AUTH_TLS -> {
                p.put("smtpd_tls_cert_file", cert.certificate().toString());
                p.put("smtpd_tls_key_file", cert.key().toString());
                p.put("smtpd_tls_security_level", "may");
                p.put("smtpd_tls_auth_only", "yes");
                p.put("smtpd_sasl_auth_enable", "yes");
                p.put("smtpd_sasl_type", "cyrus");
                p.put("smtpd_sasl_path", "smtpd");
                p.put("cyrus_sasl_config_path", paths.etc().toString());
                p.put("smtpd_sasl_local_domain", "$myhostname");
                p.put("smtpd_relay_restrictions", "permit_sasl_authenticated, reject_unauth_destination");
            }
            case POSTFIX_GREYLIST -> {
                p.put("mynetworks", "127.0.0.0/8");
                p.put("smtpd_recipient_restrictions", "check_policy_service unix:" + greylistSocket);
            }
            case POSTFIX_SLOW_BANNER -> {
                p.put("postscreen_greet_wait", GREET_WAIT_SECONDS + "s");
                p.put("postscreen_greet_ttl", "1s");
                p.put("postscreen_access_list", "");
                p.put("postscreen_greet_banner", "$smtpd_banner");
                p.put("postscreen_cache_map", "btree:$data_directory/postscreen_cache");
            }
            case POSTFIX_ANONYMOUS -> {
                p.put("mynetworks", "127.0.0.0/8");
                p.put("header_checks", "regexp:" + paths.etc().resolve("header_checks"));
            }
            case POSTFIX_ACCEPT_THEN_BOUNCE -> {
                p.put("mynetworks", "127.0.0.0/8");
                p.put("default_transport", "error:5.7.1 mail for other domains cannot be delivered from here");
            }
            default -> throw new IllegalArgumentException("not a Postfix personality: " + personality);
        }
        return p;
    }

    String mainCf(Path greylistSocket, SelfSignedCert cert) {
        StringBuilder out = new StringBuilder("# generated by RealMtaLab for " + personality + "\n");
        main(greylistSocket, cert).forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }

    String masterCf() {
        StringBuilder m = new StringBuilder();
        if (personality == MtaPersonality.POSTFIX_SLOW_BANNER) {
            m.append(address).append(":smtp inet n - n - 1 postscreen\n");
            m.append("smtpd     pass  -       -       n       -       -       smtpd\n");
            m.append("dnsblog   unix  -       -       n       -       0       dnsblog\n");
            m.append("tlsproxy  unix  -       -       n       -       0       tlsproxy\n");
        } else {
            m.append(address).append(":smtp inet n - n - - smtpd\n");
        }
        String dsnCleanup = personality == MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE
                ? " -o cleanup_service_name=dsncleanup" : "";
        m.append("""
                pickup    unix  n       -       n       60      1       pickup
                cleanup   unix  n       -       n       -       0       cleanup
                qmgr      unix  n       -       n       300     1       qmgr
                tlsmgr    unix  -       -       n       1000?   1       tlsmgr
                rewrite   unix  -       -       n       -       -       trivial-rewrite
                bounce    unix  -       -       n       -       0       bounce%1$s
                defer     unix  -       -       n       -       0       bounce%1$s
                trace     unix  -       -       n       -       0       bounce%1$s
                verify    unix  -       -       n       -       1       verify
                flush     unix  n       -       n       1000?   0       flush
                proxymap  unix  -       -       n       -       -       proxymap
                proxywrite unix -       -       n       -       1       proxymap
                smtp      unix  -       -       n       -       -       smtp
                relay     unix  -       -       n       -       -       smtp
                showq     unix  n       -       n       -       -       showq
                error     unix  -       -       n       -       -       error
                retry     unix  -       -       n       -       -       error
                discard   unix  -       -       n       -       -       discard
                local     unix  -       n       n       -       -       local
                anvil     unix  -       -       n       -       1       anvil
                scache    unix  -       -       n       -       1       scache
                postlog   unix-dgram n  -       n       -       1       postlogd
                """.formatted(dsnCleanup));
        if (personality == MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE) {
            // DSNs are posted through this cleanup, whose content_filter sends them to the receiver whatever
            // default_transport (error:) says about the sender's domain.
            m.append("dsncleanup unix n       -       n       -       0       cleanup -o content_filter=smtp:")
                    .append(receiverNextHop()).append('\n');
        }
        return m.toString();
    }

    /** Other files some personalities read, relative to etc. */
    Map<String, String> extraFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        switch (personality) {
            case POSTFIX_LOOPHOLE_GATEWAY -> files.put("relay_access", domain + " OK\n");
            case POSTFIX_ANONYMOUS -> files.put("header_checks", """
                    /^Received:/ IGNORE
                    /^X-Originating-IP:/ IGNORE
                    /^X-Mailer:/ IGNORE
                    /^User-Agent:/ IGNORE
                    """);
            case POSTFIX_AUTH_TLS -> files.put("smtpd.conf", """
                    pwcheck_method: auxprop
                    auxprop_plugin: sasldb
                    sasldb_path: %s
                    mech_list: PLAIN LOGIN
                    """.formatted(paths.etc().resolve("sasldb2")));
            default -> { }
        }
        return files;
    }
}
