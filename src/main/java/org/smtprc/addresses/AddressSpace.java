package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The endpoints a scan covers: merged address ranges times a port list, addressed by index so that a partition can
 * start anywhere. Its memory depends on the number of ranges, never on the number of addresses.
 */
public final class AddressSpace {

    private static final BigInteger LARGEST_SIZE = BigInteger.valueOf(Long.MAX_VALUE);
    /** The scan request's fields a syntax error names ({@link FieldError}). */
    private static final String TARGETS = "targets";
    private static final String EXCLUDE = "exclude";

    private final RangeSet addresses;
    private final int[] ports;
    /** Special addresses the targets covered but did not name on their own; not part of the space. */
    private final RangeSet skippedSpecial;
    /** Addresses the targets wrote on their own, one item each; empty for a space parsed from stored text. */
    private final RangeSet namedAlone;
    /** rangeStarts[i] = address index of ranges[i].first, so endpointAt can binary-search. */
    private final long[] rangeStarts;
    private final long addressCount;
    private final long size;

    private AddressSpace(RangeSet addresses, int[] ports) {
        this(addresses, ports, RangeSet.of(List.of()), RangeSet.of(List.of()));
    }

    private AddressSpace(RangeSet addresses, int[] ports, RangeSet skippedSpecial, RangeSet namedAlone) {
        this.addresses = addresses;
        this.ports = ports;
        this.skippedSpecial = skippedSpecial;
        this.namedAlone = namedAlone;
        List<AddressRange> ranges = addresses.ranges();
        this.rangeStarts = new long[ranges.size()];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < ranges.size(); i++) {
            rangeStarts[i] = total.longValue();
            total = total.add(ranges.get(i).count());
            if (total.compareTo(LARGEST_SIZE) > 0) {
                throw tooManyEndpoints();
            }
        }
        this.addressCount = total.longValue();
        try {
            this.size = Math.multiplyExact(addressCount, (long) ports.length);
        } catch (ArithmeticException overflow) {
            throw tooManyEndpoints();
        }
    }

    /**
     * The space an operator asks to scan. Special addresses ({@link SpecialAddresses}: 0.0.0.0/8, ::, multicast,
     * broadcast, reserved) are left out unless an item of the targets is made only of them; {@link #skippedNote()}
     * says which were left out.
     *
     * @param targets  what to scan (required)
     * @param excludes addresses to leave out; may be null or blank
     * @param ports    TCP ports to test on every address
     * @throws TargetSyntaxException naming the first malformed part, or when nothing is left to scan
     */
    public static AddressSpace parse(String targets, String excludes, String ports) {
        List<List<AddressRange>> items = new TargetParser("target", TARGETS).parseItems(targets);
        RangeSet left = wantedMinusExcluded(RangeSet.of(items.stream().flatMap(List::stream).toList()), excludes);
        RangeSet named = RangeSet.of(items.stream().filter(SpecialAddresses::only).flatMap(List::stream).toList());
        RangeSet skipped = SpecialAddresses.in(left).minus(named);
        RangeSet scanned = left.minus(skipped);
        if (scanned.isEmpty()) {
            throw new TargetSyntaxException(TARGETS, "nothing is left to scan: " + SpecialAddresses.note(skipped)
                    + "; to probe such an address, write it on its own in the targets");
        }
        RangeSet alone = RangeSet.of(items.stream()
                .filter(item -> item.size() == 1 && item.getFirst().count().equals(BigInteger.ONE))
                .map(List::getFirst).toList());
        return new AddressSpace(scanned, PortListParser.parse(ports), skipped, alone);
    }

    /**
     * A space stored as its {@link #targetsText()}, parsed as written: the special addresses were left out when the
     * scan was asked for. Left out again, an address named on its own that the canonical text merged into a wider
     * range would go missing, and the endpoint order a restart's checkpoints refer to would shift.
     */
    public static AddressSpace stored(String targetsText, String excludes, String ports) {
        RangeSet wanted = RangeSet.of(new TargetParser("target", TARGETS).parse(targetsText));
        return new AddressSpace(wantedMinusExcluded(wanted, excludes), PortListParser.parse(ports));
    }

    private static RangeSet wantedMinusExcluded(RangeSet wanted, String excludes) {
        if (wanted.isEmpty()) {
            throw new TargetSyntaxException(TARGETS, "no targets given; expected addresses, a-b ranges or CIDR blocks, e.g. 192.0.2.0/24");
        }
        RangeSet left = wanted.minus(RangeSet.of(new TargetParser("exclusion", EXCLUDE).parse(excludes)));
        if (left.isEmpty()) {
            throw new TargetSyntaxException(EXCLUDE, "the exclusions remove every target (" + wanted.text() + "); nothing is left to scan");
        }
        return left;
    }

    /**
     * "N special addresses skipped (...): which and why" for special addresses the targets covered without naming
     * them on their own; empty when none were (and for a stored space, which no longer knows).
     */
    public String skippedNote() {
        return SpecialAddresses.note(skippedSpecial);
    }

    /** The addresses the targets wrote on their own, each a single address rather than part of a range. */
    RangeSet namedAlone() {
        return namedAlone;
    }

    public long addressCount() {
        return addressCount;
    }

    public List<Integer> ports() {
        return Arrays.stream(ports).boxed().toList();
    }

    /** Number of endpoints: addresses times ports. */
    public long size() {
        return size;
    }

    /** Address-major (ascending, IPv4 before IPv6), port-minor. */
    public Endpoint endpointAt(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("endpoint " + index + " is outside this scan's 0-" + (size - 1));
        }
        long addressIndex = index / ports.length;
        int found = Arrays.binarySearch(rangeStarts, addressIndex);
        int range = found >= 0 ? found : -found - 2;
        InetAddress address = addresses.ranges().get(range).addressAt(addressIndex - rangeStarts[range]);
        return new Endpoint(address, ports[(int) (index % ports.length)]);
    }

    /**
     * The first endpoint index at or after {@code index} where a network (an IPv4 /24, an IPv6 /64) begins: the index
     * itself if its endpoint's network differs from the one before, else the first index past that network. A
     * network's endpoints are contiguous in the endpoint order, which is address-major and ascending. 0 and
     * {@link #size()} are boundaries.
     */
    public long networkBoundaryAtOrAfter(long index) {
        if (index <= 0 || index >= size) {
            return Math.clamp(index, 0, size);
        }
        byte[] network = network(index - 1);
        long inside = index - 1;
        long past = size;
        while (past - inside > 1) {
            long middle = (inside + past) >>> 1;
            if (Arrays.equals(network, network(middle))) {
                inside = middle;
            } else {
                past = middle;
            }
        }
        return past;
    }

    private byte[] network(long index) {
        byte[] address = endpointAt(index).address().getAddress();
        return Arrays.copyOf(address, address.length == 4 ? 3 : 8);
    }

    /** The addresses with at least one endpoint in the given slices of the endpoint order, with the same ports. */
    public AddressSpace addressesIn(Collection<Block> slices) {
        List<AddressRange> touched = new ArrayList<>();
        List<AddressRange> ranges = addresses.ranges();
        for (Block slice : slices) {
            long firstAddress = slice.start() / ports.length;
            long lastAddress = (slice.end() - 1) / ports.length;
            for (int i = 0; i < ranges.size(); i++) {
                long rangeFirst = rangeStarts[i];
                long rangeLast = rangeFirst + ranges.get(i).count().longValueExact() - 1;
                long from = Math.max(firstAddress, rangeFirst);
                long to = Math.min(lastAddress, rangeLast);
                if (from <= to) {
                    AddressRange range = ranges.get(i);
                    touched.add(new AddressRange(range.first().add(BigInteger.valueOf(from - rangeFirst)),
                            range.first().add(BigInteger.valueOf(to - rangeFirst)), range.v6()));
                }
            }
        }
        return new AddressSpace(RangeSet.of(touched), ports);
    }

    public boolean contains(InetAddress address) {
        return addresses.contains(address);
    }

    public List<AddressRange> ranges() {
        return addresses.ranges();
    }

    /** Canonical address list (merged, exclusions applied); parsing it again gives the same addresses. */
    public String targetsText() {
        return addresses.text();
    }

    public String portsText() {
        return PortListParser.text(ports);
    }

    /** @throws ScanTooLargeException when the scan covers more than {@code maxAddresses} addresses */
    public void requireAtMost(long maxAddresses) {
        if (addressCount > maxAddresses) {
            throw new ScanTooLargeException("scan of " + TargetParser.grouped(addressCount) + " addresses exceeds the limit of "
                    + TargetParser.grouped(maxAddresses) + "; split the targets into smaller scans or ask the administrator to raise the limit");
        }
    }

    private static ScanTooLargeException tooManyEndpoints() {
        return new ScanTooLargeException("the targets and ports cover more than " + TargetParser.grouped(Long.MAX_VALUE)
                + " endpoints; scan smaller blocks (for IPv6, e.g. a /112 or smaller)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressSpace space && addresses.equals(space.addresses) && Arrays.equals(ports, space.ports);
    }

    @Override
    public int hashCode() {
        return 31 * addresses.hashCode() + Arrays.hashCode(ports);
    }

    @Override
    public String toString() {
        return targetsText() + " ports " + portsText();
    }
}
