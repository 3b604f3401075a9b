package org.smtprc.probe;

import java.util.EnumSet;
import java.util.Set;

/** What one host (address and port) turned out to be. */
public enum Verdict {
    /**
     * Not probed: when its turn came, the endpoint was outside the networks this installation may scan, or it was the
     * scanner's own receiver, which the operator had not named on its own.
     */
    OUT_OF_SCOPE("skipped: out of scope when it was due"
            + " (outside the authorised networks, or the scanner's own receiver)", false, 0),
    UNREACHABLE("unreachable (no answer)", false, 1),
    REFUSED("connection refused", false, 2),
    NO_GREETING("connected, but no SMTP greeting", true, 3),
    NOT_SMTP("not an SMTP service", true, 4),
    REJECTED_AT_GREETING("rejects all mail at the greeting", true, 5),
    TEMPORARILY_UNAVAILABLE("temporarily unavailable", true, 6),
    SECURED("secured: refused every relay test", true, 7),
    /**
     * Refused every plainly foreign recipient and accepted only recipients it may take for its own mailboxes (see
     * {@link LocalRecipient}); its probe message coming back would still prove a relay.
     */
    ACCEPTS_LOCAL_ONLY("accepts only recipients it may take for its own mailboxes: no relay finding", true, 8),
    REQUIRES_TLS("requires TLS before any mail", true, 9),
    REQUIRES_AUTH("requires authentication to relay", true, 10),
    INCONCLUSIVE("inconclusive: scan again later", true, 11),
    ACCEPTS_RELAY("accepts relay (unproven: no message came back yet)", true, 12),
    CONFIRMED_RELAY("confirmed open relay", true, 13),
    ANONYMOUS_RELAY("anonymous open relay", true, 14);

    private final String label;
    private final boolean live;
    private final int severity;

    Verdict(String label, boolean live, int severity) {
        this.label = label;
        this.live = live;
        this.severity = severity;
    }

    /** The verdict in an administrator's words. */
    public String label() {
        return label;
    }

    /** Whether a TCP connection was made at all. */
    public boolean live() {
        return live;
    }

    /** Higher is more urgent; reports list hosts by descending severity, open relays first. */
    public int severity() {
        return severity;
    }

    /**
     * The host took a probe message that may still come back: it accepted a relay test (foreign or local-looking);
     * the scan waits its confirmation window for such hosts.
     */
    public boolean awaitsProof() {
        return this == ACCEPTS_RELAY || this == ACCEPTS_LOCAL_ONLY;
    }

    /**
     * The relay is proven: the host's own probe message came back. Only these verdicts accuse a host (notices,
     * re-checks); an accepted but unproven relay does not.
     */
    public boolean proven() {
        return this == CONFIRMED_RELAY || this == ANONYMOUS_RELAY;
    }

    /** The verdicts for which {@link #proven()} holds, for queries. */
    public static Set<Verdict> provenOnes() {
        return EnumSet.of(CONFIRMED_RELAY, ANONYMOUS_RELAY);
    }

    /** A relay was seen: accepted, confirmed or anonymous. */
    public boolean relays() {
        return this == ACCEPTS_RELAY || this == CONFIRMED_RELAY || this == ANONYMOUS_RELAY;
    }
}
