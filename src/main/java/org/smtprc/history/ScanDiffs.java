package org.smtprc.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStateException;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A completed scan compared with its base scan: the scan it re-checks; else the newest earlier completed scan of
 * the same schedule; else the newest earlier completed scan with the same targets, exclusions and ports; or the
 * scan the operator names. Both scans are read a page at a time in endpoint order and merged.
 */
@ApplicationScoped
public class ScanDiffs {

    static final int ROWS_PER_PAGE = 2_000;
    /** How many earlier completed scans of the same ports are looked at for the same targets. */
    static final int SAME_TARGETS_LOOKBACK = 500;

    @Inject
    Scans scans;

    @Inject
    HistoryQueries queries;

    /** Two completed scans to compare, and how the base was chosen (in the operator's words). */
    public record Pair(Scan scan, Scan base, String baseChosen) {
    }

    /**
     * @param against the base scan the operator names, or null for the default
     * @throws ScanStateException when either scan has not completed, or no default base exists
     */
    public Pair pair(long scanId, Long against) {
        Scan scan = completed(scans.find(scanId));
        if (against != null) {
            if (against == scanId) {
                throw new IllegalArgumentException("a scan compared with itself has no changes: give another scan"
                        + " as ?against=ID");
            }
            return new Pair(scan, completed(scans.find(against)), "given (?against=" + against + ")");
        }
        if (scan.getRecheckOf() != null) {
            return new Pair(scan, completed(scans.find(scan.getRecheckOf())), "the scan it re-checks");
        }
        if (scan.getScheduleId() != null) {
            var previous = queries.previousOfSchedule(scan);
            if (previous.isPresent()) {
                return new Pair(scan, previous.get(), "the previous completed scan of schedule " + scan.getScheduleId());
            }
        }
        return queries.earlierCompletedWithPorts(scan, SAME_TARGETS_LOOKBACK).stream()
                .filter(earlier -> earlier.getTargets().equals(scan.getTargets())
                        && earlier.getExcludes().equals(scan.getExcludes()))
                .findFirst()
                .map(base -> new Pair(scan, base, "the previous completed scan of the same targets, exclusions and ports"))
                .orElseThrow(() -> new ScanStateException("scan " + scanId + " has no base scan to compare with: no"
                        + " earlier completed scan " + (scan.getScheduleId() == null ? "" : "of schedule "
                        + scan.getScheduleId() + " nor ") + "of the same targets, exclusions and ports; name one"
                        + " with ?against=ID"));
    }

    /**
     * Merges the pair's rows once.
     *
     * @param listed receives each listed change, in endpoint order
     * @return endpoints per category
     */
    public Map<DiffCategory, Long> compare(Pair pair, Consumer<EndpointChange> listed) {
        return ScanDiffer.compare(rows(pair.base().getId()), coverage(pair.base()),
                rows(pair.scan().getId()), coverage(pair.scan()), listed);
    }

    /**
     * One page of a diff's listed changes, with the counts of the whole diff.
     *
     * @param only a category to list, or null for every listed category
     */
    public Page page(long scanId, Long against, DiffCategory only, long offset, int limit) {
        Pair pair = pair(scanId, against);
        List<EndpointChange> page = new ArrayList<>(Math.min(limit, 1_024));
        long[] seen = {0};
        Map<DiffCategory, Long> counts = compare(pair, change -> {
            if (only == null || change.category() == only) {
                if (seen[0] >= offset && page.size() < limit) {
                    page.add(change);
                }
                seen[0]++;
            }
        });
        return new Page(pair, counts, seen[0], page, offset, limit);
    }

    /**
     * @param listedTotal how many changes the diff lists (in the category asked for, if one was)
     */
    public record Page(Pair pair, Map<DiffCategory, Long> counts, long listedTotal, List<EndpointChange> changes,
                       long offset, int limit) {
    }

    private static Scan completed(Scan scan) {
        if (scan.getStatus() != ScanStatus.COMPLETED) {
            throw new ScanStateException("scan " + scan.getId() + " is " + scan.getStatus() + ": a diff compares"
                    + " completed scans (a stopped or running scan has not probed all its endpoints)");
        }
        return scan;
    }

    private static ScanDiffer.Coverage coverage(Scan scan) {
        AddressSpace space = AddressSpace.stored(scan.getTargets(), scan.getExcludes(), scan.getPorts());
        Set<Integer> ports = Set.copyOf(space.ports());
        return (address, port) -> ports.contains(port) && space.contains(address.inetAddress());
    }

    /** A scan's rows in endpoint order, one page in memory at a time. */
    private Iterator<EndpointVerdict> rows(long scanId) {
        return new Iterator<>() {
            private Iterator<EndpointVerdict> page = List.<EndpointVerdict>of().iterator();
            private long after = -1;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !exhausted) {
                    List<EndpointVerdict> next = queries.rowsAfter(scanId, after, ROWS_PER_PAGE);
                    exhausted = next.size() < ROWS_PER_PAGE;
                    if (!next.isEmpty()) {
                        after = next.getLast().endpointIndex();
                    }
                    page = next.iterator();
                }
                return page.hasNext();
            }

            @Override
            public EndpointVerdict next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }
}
