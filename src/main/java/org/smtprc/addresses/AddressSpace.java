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

    private final RangeSet addresses;
    private final int[] ports;
    /** rangeStarts[i] = address index of ranges[i].first, so endpointAt can binary-search. */
    private final long[] rangeStarts;
    private final long addressCount;
    private final long size;

    private AddressSpace(RangeSet addresses, int[] ports) {
        this.addresses = addresses;
        this.ports = ports;
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
     * @param targets  what to scan (required)
     * @param excludes addresses to leave out; may be null or blank
     * @param ports    TCP ports to test on every address
     * @throws TargetSyntaxException naming the first malformed part, or when nothing is left to scan
     */
    public static AddressSpace parse(String targets, String excludes, String ports) {
        RangeSet wanted = RangeSet.of(new TargetParser("target").parse(targets));
        if (wanted.isEmpty()) {
            throw new TargetSyntaxException("no targets given; expected addresses, a-b ranges or CIDR blocks, e.g. 192.0.2.0/24");
        }
        RangeSet left = wanted.minus(RangeSet.of(new TargetParser("exclusion").parse(excludes)));
        if (left.isEmpty()) {
            throw new TargetSyntaxException("the exclusions remove every target (" + wanted.text() + "); nothing is left to scan");
        }
        return new AddressSpace(left, PortListParser.parse(ports));
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
