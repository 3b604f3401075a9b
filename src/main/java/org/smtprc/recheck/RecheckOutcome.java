package org.smtprc.recheck;

import org.smtprc.probe.Verdict;

/**
 * What a re-check found for a host that relayed in the scan it re-checks. Only an answer that refuses relaying is
 * evidence of a fix; a host that is gone, refuses us at the greeting, was not probed or could not be judged is not.
 */
public enum RecheckOutcome {
    /** It answered and refused every relay test (secured, relaying only after authentication, local recipients only). */
    FIXED,
    /** It relayed again: accepted a relay test, proven or not. Flagged for the operator. */
    STILL_RELAYING,
    /** No SMTP service answered on its address and port (no answer, refused, no greeting, another service). */
    UNREACHABLE,
    /**
     * Not judged: out of scope when its turn came, not probed, inconclusive, temporarily unavailable, TLS required but
     * not established, or rejecting all mail at the greeting (which may be a block of the scanner, not a fix).
     */
    NOT_RECHECKED;

    /**
     * @param original the host's verdict in the scan re-checked: one that {@link Verdict#relays() relays}
     * @param recheck  its verdict in the re-check scan, or null when the re-check scan has no row for it
     */
    public static RecheckOutcome judge(Verdict original, Verdict recheck) {
        if (original == null || !original.relays()) {
            throw new IllegalArgumentException("only a relay can be re-checked, not a host found " + original);
        }
        if (recheck == null) {
            return NOT_RECHECKED;
        }
        return switch (recheck) {
            case ACCEPTS_RELAY, CONFIRMED_RELAY, ANONYMOUS_RELAY -> STILL_RELAYING;
            case SECURED, REQUIRES_AUTH, ACCEPTS_LOCAL_ONLY -> FIXED;
            case UNREACHABLE, REFUSED, NO_GREETING, NOT_SMTP -> UNREACHABLE;
            case OUT_OF_SCOPE, INCONCLUSIVE, TEMPORARILY_UNAVAILABLE, REQUIRES_TLS, REJECTED_AT_GREETING -> NOT_RECHECKED;
        };
    }
}
