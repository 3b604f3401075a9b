package org.smtprc.scan;

import org.smtprc.probe.Verdict;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The order of a listing of a scan's hosts: one key from a closed list, in its own order or reversed ({@code -port}),
 * then the scan's endpoint order, which no two hosts of a scan share, so that the pages of a listing neither overlap
 * nor skip a host.
 */
public record HostOrder(Key key, boolean reversed) {

    /** The report's order: proven relays first, then by address. */
    public static final HostOrder REPORT = new HostOrder(Key.VERDICT, false);

    /** What a listing can be ordered by, named as the API's host fields. */
    public enum Key {
        /** Most urgent first ({@link Verdict#severity()}). */
        VERDICT("verdict", severity() + " desc"),
        /**
         * Numerically, IPv4 before IPv6: the endpoint order is the address order within a scan (address-major,
         * port-minor), so a text column is never compared as text.
         */
        ADDRESS("address", "h.endpointIndex"),
        PORT("port", "h.port"),
        /** In the database's text order; hosts without a banner first. */
        BANNER("banner", "coalesce(h.banner, '')"),
        /** Quickest first. */
        DURATION("durationMs", "h.durationMs"),
        /** Earliest first. */
        PROBED("probedAt", "h.probedAt");

        private final String name;
        private final String ordering;

        Key(String name, String ordering) {
            this.name = name;
            this.ordering = ordering;
        }

        /** The key as the API writes it. */
        public String apiName() {
            return name;
        }
    }

    /** The keys as an error message lists them: {@code verdict, address, port, …}. */
    public static String keys() {
        return Arrays.stream(Key.values()).map(Key::apiName).collect(Collectors.joining(", "));
    }

    /**
     * {@code KEY} or {@code -KEY}; blank gives {@link #REPORT}.
     *
     * @throws InvalidScanRequestException naming the allowed keys, for anything else
     */
    public static HostOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return REPORT;
        }
        String trimmed = text.trim();
        boolean reversed = trimmed.startsWith("-");
        String name = reversed ? trimmed.substring(1) : trimmed;
        for (Key key : Key.values()) {
            if (key.apiName().equals(name)) {
                return new HostOrder(key, reversed);
            }
        }
        throw new InvalidScanRequestException("sort \"" + Bounded.text(text, 40) + "\" is unknown: use one of "
                + keys() + ", or one of them after a - for the reverse order (sort=-address)");
    }

    /** The listing's ORDER BY items over the host alias {@code h}. */
    String jpql() {
        String first = reversed ? reverse(key.ordering) : key.ordering;
        return key == Key.ADDRESS ? first : first + ", h.endpointIndex";
    }

    private static String reverse(String ordering) {
        return ordering.endsWith(" desc") ? ordering.substring(0, ordering.length() - " desc".length())
                : ordering + " desc";
    }

    /**
     * The report's order as groups of verdicts of equal severity, most urgent first: within a group, hosts follow the
     * endpoint order. A report reads each group with keyset pages (after the last endpoint index read), which cost the
     * same at the end of a scan of a million hosts as at its start, where offset pages would read every row before.
     */
    public static List<Set<Verdict>> reportGroups() {
        return Arrays.stream(Verdict.values())
                .collect(Collectors.groupingBy(Verdict::severity, TreeMap::new, Collectors.toCollection(
                        () -> EnumSet.noneOf(Verdict.class))))
                .descendingMap().values().stream()
                .<Set<Verdict>>map(Collections::unmodifiableSet)
                .toList();
    }

    /** A host's verdict's {@link Verdict#severity()} in a query. */
    private static String severity() {
        return Arrays.stream(Verdict.values())
                .map(v -> " when " + Verdict.class.getName() + "." + v.name() + " then " + v.severity())
                .collect(Collectors.joining("", "case h.verdict", " end"));
    }
}
