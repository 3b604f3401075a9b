package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of addresses as sorted, disjoint, non-adjacent ranges (IPv4 first): overlapping or touching input ranges
 * are merged so every address appears once.
 */
final class RangeSet {

    private final List<AddressRange> ranges;

    private RangeSet(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    static RangeSet of(Collection<AddressRange> unordered) {
        List<AddressRange> sorted = new ArrayList<>(unordered);
        Collections.sort(sorted);
        List<AddressRange> merged = new ArrayList<>();
        for (AddressRange next : sorted) {
            int lastIndex = merged.size() - 1;
            AddressRange previous = lastIndex < 0 ? null : merged.get(lastIndex);
            if (previous != null && previous.v6() == next.v6()
                    && previous.last().add(BigInteger.ONE).compareTo(next.first()) >= 0) {
                merged.set(lastIndex, new AddressRange(previous.first(), previous.last().max(next.last()), next.v6()));
            } else {
                merged.add(next);
            }
        }
        return new RangeSet(merged);
    }

    List<AddressRange> ranges() {
        return ranges;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The addresses of this set that are not in {@code removed}, in one pass over both sorted lists. */
    RangeSet minus(RangeSet removed) {
        List<AddressRange> kept = new ArrayList<>();
        List<AddressRange> cuts = removed.ranges;
        int skip = 0;
        for (AddressRange range : ranges) {
            while (skip < cuts.size() && endsBefore(cuts.get(skip), range)) {
                skip++;
            }
            BigInteger cursor = range.first();
            for (int i = skip; i < cuts.size(); i++) {
                AddressRange cut = cuts.get(i);
                if (cut.v6() != range.v6() || cut.first().compareTo(range.last()) > 0) {
                    break;
                }
                if (cut.first().compareTo(cursor) > 0) {
                    kept.add(new AddressRange(cursor, cut.first().subtract(BigInteger.ONE), range.v6()));
                }
                cursor = cursor.max(cut.last().add(BigInteger.ONE));
            }
            if (cursor.compareTo(range.last()) <= 0) {
                kept.add(new AddressRange(cursor, range.last(), range.v6()));
            }
        }
        return new RangeSet(kept);
    }

    /** The addresses of this set that are also in {@code other}. */
    RangeSet intersect(RangeSet other) {
        return minus(minus(other));
    }

    private static boolean endsBefore(AddressRange cut, AddressRange range) {
        if (cut.v6() != range.v6()) {
            return !cut.v6();
        }
        return cut.last().compareTo(range.first()) < 0;
    }

    /** Index of the range holding the address, or -1; a binary search over the sorted ranges. */
    int indexOf(InetAddress address) {
        boolean v6 = AddressLiterals.isV6(address);
        AddressRange probe = new AddressRange(AddressLiterals.toNumber(address), AddressLiterals.toNumber(address), v6);
        int found = Collections.binarySearch(ranges, probe);
        int candidate = found >= 0 ? found : -found - 2;
        return candidate >= 0 && ranges.get(candidate).contains(address) ? candidate : -1;
    }

    boolean contains(InetAddress address) {
        return indexOf(address) >= 0;
    }

    /** Canonical text, re-parseable by {@link TargetParser}. */
    String text() {
        return ranges.stream().map(AddressRange::toString).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeSet set && ranges.equals(set.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
