package org.smtprc.bench;

import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark network on loopback: which addresses run which lab personality, what the scan is told to scan,
 * and the verdict counts a correct scan must report for it. Everything not listed answers "connection refused".
 */
final class LabLayout {

    private final String targets;
    private final int firstAddress;
    private final long addresses;
    private final List<int[]> hostRanges = new ArrayList<>();
    private final List<Personality> hostPersonalities = new ArrayList<>();
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private long live;

    /** @param first the first address scanned, e.g. 127.10.0.0; @param addresses how many are scanned from it */
    LabLayout(String first, long addresses) {
        int start = parse(first);
        if ((start >>> 24) != 127) {
            throw new IllegalArgumentException(first + " is not on loopback; the benchmark only uses 127.0.0.0/8");
        }
        this.addresses = addresses;
        this.targets = first + "-" + format((int) (start + addresses - 1));
        this.firstAddress = start;
    }

    /** Hosts at scan positions [from, from + count) play {@code personality}; they end with {@code verdict}. */
    LabLayout hosts(long from, long count, Personality personality, String verdict) {
        hostRanges.add(new int[]{(int) (firstAddress + from), (int) count});
        hostPersonalities.add(personality);
        return expect(verdict, count);
    }

    /** A single host at scan position {@code index}. */
    LabLayout host(long index, Personality personality, String verdict) {
        return hosts(index, 1, personality, verdict);
    }

    private LabLayout expect(String verdict, long count) {
        expected.merge(verdict, count, Long::sum);
        live += count;
        return this;
    }

    /** The rest of the addresses are refused; call once all hosts are placed. */
    LabLayout restRefused() {
        if (addresses > live) {
            expected.merge("REFUSED", addresses - live, Long::sum);
        }
        return this;
    }

    String targets() {
        return targets;
    }

    long addresses() {
        return addresses;
    }

    long live() {
        return live;
    }

    Map<String, Long> expectedCounts() {
        return Collections.unmodifiableMap(expected);
    }

    /** Every address the scan visits, in order (for the bare loop). */
    int[] addressRange() {
        return new int[]{firstAddress, (int) addresses};
    }

    /** Starts the lab: each host range is bound as aligned CIDR blocks, relays hand mail to {@code deliverTo}. */
    Lab start(int port, InetSocketAddress deliverTo, Duration replyDelay) {
        return start(port, deliverTo, replyDelay, true);
    }

    /** As {@link #start(int, InetSocketAddress, Duration)}, the hosts offering PIPELINING or not. */
    Lab start(int port, InetSocketAddress deliverTo, Duration replyDelay, boolean pipelining) {
        Lab.Builder builder = Lab.builder().port(port).deliverTo(deliverTo).replyDelay(replyDelay).pipelining(pipelining);
        for (int i = 0; i < hostRanges.size(); i++) {
            for (String block : cidrBlocks(hostRanges.get(i)[0], hostRanges.get(i)[1])) {
                builder.hosts(block, hostPersonalities.get(i));
            }
        }
        return builder.start();
    }

    /** The smallest list of aligned CIDR blocks that covers exactly [start, start + count). */
    static List<String> cidrBlocks(int start, int count) {
        List<String> blocks = new ArrayList<>();
        long next = start & 0xffffffffL;
        long end = next + count;
        while (next < end) {
            int size = next == 0 ? 1 << 30 : (int) Math.min(Long.lowestOneBit(next), 1L << 30);
            while (next + size > end) {
                size >>= 1;
            }
            blocks.add(format((int) next) + "/" + (32 - Integer.numberOfTrailingZeros(size)));
            next += size;
        }
        return blocks;
    }

    static int parse(String literal) {
        String[] octets = literal.split("\\.");
        int address = 0;
        for (String octet : octets) {
            address = (address << 8) | Integer.parseInt(octet);
        }
        return address;
    }

    static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
