package org.smtprc.history;

import org.smtprc.addresses.HostAddress;
import org.smtprc.probe.Verdict;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Compares two scans endpoint by endpoint: merges the two scans' rows, each in endpoint order (IPv4 before IPv6,
 * by address, then port, the order every scan stores), holding one row of each at a time. Plain Java: the rows
 * may come from the database a page at a time, or from a list in a test.
 */
public final class ScanDiffer {

    /** Whether a scan's targets and ports covered an endpoint: an endpoint covered without a row did not answer. */
    @FunctionalInterface
    public interface Coverage {
        boolean covers(HostAddress address, int port);
    }

    private static final Comparator<Keyed> ENDPOINT_ORDER =
            Comparator.comparing(Keyed::address).thenComparingInt(k -> k.row().port());

    /** Where an endpoint stands in one scan. */
    private enum State { RELAYS, ANSWERS, SILENT, SKIPPED, UNCOVERED }

    private ScanDiffer() {
    }

    /**
     * @param base     the base scan's rows, in endpoint order
     * @param scan     the compared scan's rows, in endpoint order
     * @param listed   receives every listed change ({@link DiffCategory#listed()}), in endpoint order
     * @return endpoints per category, every category present
     * @throws IllegalStateException when either scan's rows are out of endpoint order
     */
    public static Map<DiffCategory, Long> compare(Iterator<EndpointVerdict> base, Coverage baseCovers,
                                                  Iterator<EndpointVerdict> scan, Coverage scanCovers,
                                                  Consumer<EndpointChange> listed) {
        Map<DiffCategory, Long> counts = new EnumMap<>(DiffCategory.class);
        for (DiffCategory category : DiffCategory.values()) {
            counts.put(category, 0L);
        }
        Rows before = new Rows(base, "base");
        Rows after = new Rows(scan, "compared");
        while (before.current != null || after.current != null) {
            int order = before.current == null ? 1 : after.current == null ? -1
                    : ENDPOINT_ORDER.compare(before.current, after.current);
            Keyed endpoint = order <= 0 ? before.current : after.current;
            EndpointVerdict was = order <= 0 ? before.take() : null;
            EndpointVerdict is = order >= 0 ? after.take() : null;
            HostAddress address = endpoint.address();
            int port = endpoint.row().port();
            boolean covered = was != null || baseCovers.covers(address, port);
            boolean coveredNow = is != null || scanCovers.covers(address, port);
            DiffCategory category = classify(was, covered, is, coveredNow);
            counts.merge(category, 1L, Long::sum);
            if (category.listed()) {
                listed.accept(new EndpointChange(category, endpoint.row().address(), port,
                        EndpointChange.Side.of(was, covered), EndpointChange.Side.of(is, coveredNow)));
            }
        }
        return counts;
    }

    /**
     * @param before  the base scan's row, or null
     * @param covered whether the base scan covered the endpoint (always, when it has a row)
     */
    static DiffCategory classify(EndpointVerdict before, boolean covered, EndpointVerdict after, boolean coveredNow) {
        State was = state(before, covered);
        State is = state(after, coveredNow);
        if (is == State.RELAYS) {
            return was == State.RELAYS ? DiffCategory.STILL_OPEN : DiffCategory.NEW_RELAY;
        }
        if (is == State.UNCOVERED || (was == State.UNCOVERED && is != State.ANSWERS)) {
            return DiffCategory.NOT_COMPARED;
        }
        if (was == State.RELAYS && is == State.ANSWERS) {
            return DiffCategory.FIXED;
        }
        if ((was == State.RELAYS || was == State.ANSWERS) && is == State.SILENT) {
            return DiffCategory.NO_LONGER_ANSWERING;
        }
        if (is == State.ANSWERS && was != State.RELAYS && was != State.ANSWERS) {
            return DiffCategory.NEW_HOST;
        }
        // A silent endpoint without a row (not recorded) is the same as one recorded refused or unreachable.
        boolean same = was == is && (before == null || after == null || before.verdict() == after.verdict());
        return same ? DiffCategory.UNCHANGED : DiffCategory.OTHER_CHANGE;
    }

    private static State state(EndpointVerdict row, boolean covered) {
        if (row == null) {
            return covered ? State.SILENT : State.UNCOVERED;
        }
        if (row.verdict().relays()) {
            return State.RELAYS;
        }
        if (row.verdict().live()) {
            return State.ANSWERS;
        }
        return row.verdict() == Verdict.OUT_OF_SCOPE ? State.SKIPPED : State.SILENT;
    }

    private record Keyed(HostAddress address, EndpointVerdict row) {
    }

    /** One scan's rows with the next one parsed, checked to come in endpoint order. */
    private static final class Rows {
        private final Iterator<EndpointVerdict> rows;
        private final String which;
        private Keyed current;

        Rows(Iterator<EndpointVerdict> rows, String which) {
            this.rows = rows;
            this.which = which;
            this.current = next();
        }

        EndpointVerdict take() {
            Keyed taken = current;
            current = next();
            if (current != null && ENDPOINT_ORDER.compare(taken, current) >= 0) {
                throw new IllegalStateException("the " + which + " scan's rows are not in endpoint order: "
                        + current.row().address() + ":" + current.row().port() + " came after "
                        + taken.row().address() + ":" + taken.row().port());
            }
            return taken.row();
        }

        private Keyed next() {
            if (!rows.hasNext()) {
                return null;
            }
            EndpointVerdict row = rows.next();
            return new Keyed(HostAddress.parse(row.address()), row);
        }
    }
}
