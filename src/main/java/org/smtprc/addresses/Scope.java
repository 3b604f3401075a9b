package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * The networks this installation may scan. A scanner aimed elsewhere is a weapon, so every scan is checked against
 * it before anything connects; the default is loopback only.
 */
public final class Scope {

    private static final String LOOPBACK = "127.0.0.0/8, ::1";

    private final RangeSet networks;

    private Scope(RangeSet networks) {
        this.networks = networks;
    }

    /** @param networks same syntax as scan targets, usually CIDR blocks */
    public static Scope parse(String networks) {
        RangeSet parsed = RangeSet.of(new TargetParser("authorised network").parse(networks));
        if (parsed.isEmpty()) {
            throw new TargetSyntaxException("no authorised networks given; expected CIDR blocks such as " + LOOPBACK);
        }
        return new Scope(parsed);
    }

    public static Scope loopback() {
        return parse(LOOPBACK);
    }

    /** @throws OutOfScopeException naming the first target range that is not entirely authorised */
    public void check(AddressSpace space) {
        RangeSet targets = RangeSet.of(space.ranges());
        RangeSet outside = targets.minus(networks);
        if (outside.isEmpty()) {
            return;
        }
        AddressRange first = outside.ranges().getFirst();
        AddressRange target = targets.ranges().get(targets.indexOf(first.firstAddress()));
        String part = first.equals(target) ? "target " + target + " is outside"
                : "target " + target + " is partly outside (" + first + " is not authorised)";
        throw new OutOfScopeException(part + " the authorised networks " + describe()
                + "; scan only networks you are responsible for, or ask the administrator to authorise this one");
    }

    /** How many of the space's addresses lie outside these networks; 0 when all may be scanned. */
    public long addressesOutside(AddressSpace space) {
        return RangeSet.of(space.ranges()).minus(networks).ranges().stream()
                .map(AddressRange::count)
                .reduce(BigInteger.ZERO, BigInteger::add)
                .longValueExact();
    }

    public boolean permits(InetAddress address) {
        return networks.contains(address);
    }

    public String describe() {
        return networks.text();
    }

    @Override
    public String toString() {
        return describe();
    }
}
