package org.smtprc.lab;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a lab host behaves; each has the name used in lab specs ({@code 127.0.1.1=open-relay}). */
public enum Personality {
    OPEN_RELAY("open-relay", "relays any recipient and adds its Received header"),
    OPEN_RELAY_ANONYMOUS("open-relay-anonymous", "relays any recipient, strips Received/X-Originating headers, adds none"),
    OPEN_RELAY_LATE("open-relay-late", "relays any recipient, but only after the late-delivery delay"),
    CLOSED("closed", "550 5.7.1 Relaying denied at RCPT"),
    PERCENT_HACK("percent-hack", "relays only <user%domain@host>"),
    BANG_PATH("bang-path", "relays only <domain!user> and <domain!user@host>"),
    SOURCE_ROUTE("source-route", "relays only <@host:user@domain>"),
    QUOTED("quoted", "relays only <\"user@domain\">, <\"user@domain\"@host>, <\"user%domain\">"),
    ACCEPT_THEN_DROP("accept-then-drop", "250 to everything, never delivers"),
    GREYLIST("greylist", "450 4.7.1 the first time a (client, sender, recipient) is seen, then relays it"),
    TARPIT("tarpit", "a closed server that drips its replies a byte at a time"),
    SILENT("silent", "accepts the connection and never says anything"),
    GREETING_421("greeting-421", "421 4.3.2 at the greeting, then closes"),
    GREETING_554("greeting-554", "554 5.7.1 at the greeting, then 503 to everything but QUIT"),
    NOT_SMTP("not-smtp", "an SSH banner"),
    GARBAGE("garbage", "binary garbage and a line over 1 MB around its 220, then closed"),
    HOSTILE("hostile", "an open relay whose banner and replies carry HTML, CSV formula, ANSI and NUL payloads"),
    STARTTLS_REQUIRED("starttls-required", "530 to MAIL before STARTTLS, closed after it"),
    STARTTLS_OPEN_RELAY("starttls-open-relay", "530 to MAIL before STARTTLS, an open relay after it"),
    AUTH_REQUIRED("auth-required", "advertises AUTH, 530 5.7.0 to MAIL"),
    HELO_ONLY("helo-only", "500 to EHLO, accepts HELO, then closed"),
    DISCONNECT_AFTER_3("disconnect-after-3", "an open relay that hangs up after 3 transaction commands"),
    MULTILINE("multiline", "multi-line greeting and replies, otherwise closed"),
    ERROR_LIMITS("error-limits", "closed, with Postfix's error limits: past 10 errors in a session it waits before"
            + " each reply, past 20 it says 421 and hangs up"),
    TLS_DRIP("tls-drip", "advertises STARTTLS, says 220 to it, then drips a TLS record a byte at a time and never"
            + " completes the handshake"),
    DRIP_FOREVER("drip-forever", "answers EHLO with a line that never ends, a byte at a time, each well within any"
            + " read timeout"),
    ENDLESS_MULTILINE("endless-multiline", "answers EHLO with 250- lines for ever, as fast as they are read"),
    HUGE_REPLY("huge-reply", "closed, and every refusal at RCPT is one line of over 1 MB"),
    STALL_AFTER_DATA("stall-after-data", "takes any recipient and the message, then never answers the final dot"),
    NEVER_READS("never-reads", "takes any recipient, says 354 to DATA, then stops reading (with a small receive"
            + " buffer) and never answers"),
    HEADER_INJECTION("header-injection", "an open relay whose multi-line greeting carries mail header lines (Bcc:,"
            + " Subject:) and a bare CR, as if to slip headers into whatever quotes it");

    /** The receive buffer of a never-reads host: small, so that a client's writes block soon. */
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private final String specName;
    private final String description;

    Personality(String specName, String description) {
        this.specName = specName;
        this.description = description;
    }

    public String specName() {
        return specName;
    }

    public String description() {
        return description;
    }

    public static Personality fromSpecName(String name) {
        return Arrays.stream(values()).filter(p -> p.specName.equals(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lab personality \"" + name.strip()
                        + "\"; known personalities: " + specNames()));
    }

    public static String specNames() {
        return Arrays.stream(values()).map(Personality::specName).collect(Collectors.joining(", "));
    }

    /** False for hosts that never hold an SMTP conversation. */
    boolean speaksSmtp() {
        return this != SILENT && this != NOT_SMTP;
    }

    /** True when accepted mail is handed on to the lab's delivery address. */
    boolean delivers() {
        return switch (this) {
            case OPEN_RELAY, OPEN_RELAY_ANONYMOUS, OPEN_RELAY_LATE, PERCENT_HACK, BANG_PATH, SOURCE_ROUTE, QUOTED,
                 GREYLIST, HOSTILE, STARTTLS_OPEN_RELAY, DISCONNECT_AFTER_3, HEADER_INJECTION -> true;
            default -> false;
        };
    }

    /** The single envelope family a loophole-only host accepts, empty for every other personality. */
    Optional<EnvelopeFamily> loophole() {
        return switch (this) {
            case PERCENT_HACK -> Optional.of(EnvelopeFamily.PERCENT_HACK);
            case BANG_PATH -> Optional.of(EnvelopeFamily.BANG_PATH);
            case SOURCE_ROUTE -> Optional.of(EnvelopeFamily.SOURCE_ROUTE);
            case QUOTED -> Optional.of(EnvelopeFamily.QUOTED);
            default -> Optional.empty();
        };
    }

    /** True for hosts that hold a real TLS session after STARTTLS (the lab then makes a certificate). */
    boolean offersStartTls() {
        return this == STARTTLS_REQUIRED || this == STARTTLS_OPEN_RELAY;
    }

    /** True for hosts whose EHLO reply lists STARTTLS while the session is plain. */
    boolean advertisesStartTls() {
        return offersStartTls() || this == TLS_DRIP;
    }

    /** True for hosts that say 250 to any recipient and relay nothing. */
    boolean takesAnyRecipient() {
        return this == ACCEPT_THEN_DROP || this == STALL_AFTER_DATA || this == NEVER_READS;
    }

    /** The receive buffer the host's listener asks for; 0 for the system's default. */
    int receiveBufferBytes() {
        return this == NEVER_READS ? SMALL_RECEIVE_BUFFER : 0;
    }
}
