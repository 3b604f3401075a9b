package org.smtprc.client;

import java.util.List;
import java.util.Map;

/** The server's verdicts that prove a relay. */
final class Verdicts {

    /** A proven open relay: what exit status 1 reports. */
    static final List<String> PROVEN = List.of("ANONYMOUS_RELAY", "CONFIRMED_RELAY");

    private Verdicts() {
    }

    /** How many proven relays a scan's counts per verdict hold. */
    static long proven(Map<String, Object> counts) {
        return PROVEN.stream().mapToLong(v -> Json.number(counts, v)).sum();
    }
}
