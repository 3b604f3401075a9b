package org.smtprc.addresses;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Addresses that are never one host's unicast address: "this network" (0.0.0.0/8; a connection to 0.0.0.0 reaches
 * the scanner's own machine), the unspecified IPv6 address (::, the same), multicast, the limited broadcast and the
 * reserved 240.0.0.0/4. A scan leaves them out unless the operator names them on their own: an item of the target
 * list made only of such addresses (a single address, or a range or block wholly inside them). A wider item that
 * merely contains them, such as 0.0.0.0/0, skips them, and the scan says how many and which.
 *
 * <p>The network and broadcast addresses of a block such as 192.0.2.0/24 are not among them: the scanner cannot
 * know the real subnet (a /24 of a /22 has hosts at .0 and .255), and a directed broadcast reaches no TCP socket
 * (hosts must drop a SYN sent to a broadcast address, RFC 1122 4.2.3.10; routers drop directed broadcasts, RFC 2644).
 */
final class SpecialAddresses {

    /** One kind of special address: its range and why it is never probed. */
    private record Kind(AddressRange range, String why) {
    }

    private static final List<Kind> KINDS = List.of(
            kind("0.0.0.0/8", "\"this network\": 0.0.0.0 reaches the scanner's own machine"),
            kind("224.0.0.0/4", "multicast"),
            kind("240.0.0.0-255.255.255.254", "reserved"),
            kind("255.255.255.255", "limited broadcast"),
            kind("::", "unspecified: reaches the scanner's own machine"),
            kind("ff00::/8", "multicast"));

    /** How many skipped ranges the note lists by name; it counts all of them. */
    private static final int LISTED = 6;

    private static final RangeSet ALL = RangeSet.of(KINDS.stream().map(Kind::range).toList());

    private SpecialAddresses() {
    }

    private static Kind kind(String range, String why) {
        return new Kind(new TargetParser("special address").parse(range).getFirst(), why);
    }

    /** Whether every address of this target item is special: the operator named special addresses on purpose. */
    static boolean only(List<AddressRange> item) {
        return !item.isEmpty() && RangeSet.of(item).minus(ALL).isEmpty();
    }

    /** The special addresses among {@code targets}. */
    static RangeSet in(RangeSet targets) {
        return targets.intersect(ALL);
    }

    /**
     * What a scan tells the operator about the special addresses it left out, e.g. "1 special address skipped
     * (never probed unless named on its own in the targets): 0.0.0.0 (...)"; empty when none.
     */
    static String note(RangeSet skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        BigInteger count = skipped.ranges().stream().map(AddressRange::count).reduce(BigInteger.ZERO, BigInteger::add);
        List<String> named = new ArrayList<>();
        int unnamed = 0;
        for (Kind kind : KINDS) {
            for (AddressRange range : skipped.intersect(RangeSet.of(List.of(kind.range()))).ranges()) {
                if (named.size() < LISTED) {
                    named.add(range + " (" + kind.why() + ")");
                } else {
                    unnamed++;
                }
            }
        }
        boolean one = count.equals(BigInteger.ONE);
        String listed = String.join(", ", named) + (unnamed > 0 ? " and " + unnamed + " more" : "");
        return String.format(Locale.ROOT, "%,d", count) + (one ? " special address" : " special addresses")
                + " skipped (never probed unless named on " + (one ? "its" : "their") + " own in the targets): "
                + listed;
    }
}
