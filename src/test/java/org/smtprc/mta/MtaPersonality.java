package org.smtprc.mta;

/**
 * What a real mail server in {@link RealMtaLab} is configured to be. Each one's own domain is {@code <name>.example}
 * (instance name), its host name {@code mx.<name>.example}; all its outbound mail goes to the lab's receiver.
 */
public enum MtaPersonality {

    /** Postfix relaying for every loopback client (mynetworks = 127.0.0.0/8); adds its Received header normally. */
    POSTFIX_OPEN,
    /** Postfix accepting only its own domain; foreign recipients get 554 5.7.1 Relay access denied at RCPT. */
    POSTFIX_CLOSED,
    /**
     * Postfix gateway relaying its own domain to an internal hub (a second Postfix on port 2525 of the same address)
     * with allow_untrusted_routing=yes; the hub does the percent hack and bang paths. {@code probe%foreign@<domain>},
     * {@code foreign!probe@<domain>} and {@code "probe@foreign"@<domain>} reach the receiver as probe@foreign; plain
     * foreign recipients and source routes get 554. See {@link PostfixConfig} for what was verified.
     */
    POSTFIX_LOOPHOLE_GATEWAY,
    /** Postfix with STARTTLS (self-signed) and SASL (sasldb) AUTH only after STARTTLS; relays only when authenticated. */
    POSTFIX_AUTH_TLS,
    /**
     * Open Postfix relay with postgrey (short delay) as policy service: first try 450, a retry later is accepted. No
     * error sleep (smtpd_error_sleep_time 0), so a scanner's whole first battery is answered well inside the delay; see
     * {@link PostfixConfig}.
     */
    POSTFIX_GREYLIST,
    /** Closed Postfix behind postscreen: "220-" at once, the final "220 " line only after postscreen_greet_wait. */
    POSTFIX_SLOW_BANNER,
    /** Open Postfix relay that strips trace headers (Received, X-Originating-IP, ...) with header_checks IGNORE. */
    POSTFIX_ANONYMOUS,
    /** Postfix accepting every recipient at RCPT, then failing foreign delivery and sending a DSN to the sender. */
    POSTFIX_ACCEPT_THEN_BOUNCE,
    /** Exim 4 relaying for everyone. */
    EXIM_OPEN,
    /** Exim 4 accepting only its own domain; foreign recipients get 550 at RCPT. */
    EXIM_CLOSED;

    public boolean isExim() {
        return name().startsWith("EXIM_");
    }

    /** The default instance name: e.g. POSTFIX_OPEN → "postfix-open". */
    public String defaultName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
