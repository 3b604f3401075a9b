package org.smtprc.client;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The server's verdicts in the order an operator reads them: proven relays first, unknown ones last. */
final class Verdicts {

    /** A proven open relay: what exit status 1 reports. */
    static final List<String> PROVEN = List.of("ANONYMOUS_RELAY", "CONFIRMED_RELAY");

    private static final List<String> ORDER = List.of("ANONYMOUS_RELAY", "CONFIRMED_RELAY", "ACCEPTS_RELAY",
            "ACCEPTS_LOCAL_ONLY", "INCONCLUSIVE", "REQUIRES_TLS", "REQUIRES_AUTH", "SECURED", "TEMPORARILY_UNAVAILABLE",
            "REJECTED_AT_GREETING", "NOT_SMTP", "NO_GREETING", "REFUSED", "UNREACHABLE", "OUT_OF_SCOPE");

    private Verdicts() {
    }

    static int rank(String verdict) {
        int rank = ORDER.indexOf(verdict);
        return rank < 0 ? ORDER.size() : rank;
    }

    static List<Map<String, Object>> sorted(List<Map<String, Object>> hosts) {
        return hosts.stream().sorted(Comparator.<Map<String, Object>>comparingInt(h -> rank(Json.text(h, "verdict")))
                .thenComparing(h -> Json.text(h, "address")).thenComparingLong(h -> Json.number(h, "port"))).toList();
    }

    /** How many proven relays a scan's counts per verdict hold. */
    static long proven(Map<String, Object> counts) {
        return PROVEN.stream().mapToLong(v -> Json.number(counts, v)).sum();
    }
}
