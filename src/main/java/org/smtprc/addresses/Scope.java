package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The networks this installation may scan. A scanner aimed elsewhere is a weapon, so every scan is checked against
 * it before anything connects; the default is loopback only. A scan's probes also spare the scanner's own receiver.
 */
public final class Scope {

    static final String LOOPBACK = "127.0.0.0/8, ::1";

    private final RangeSet networks;
    /** Endpoints a probe never connects to, although inside the networks; null when none. */
    private final OwnReceiver spared;

    private Scope(RangeSet networks, OwnReceiver spared) {
        this.networks = networks;
        this.spared = spared;
    }

    /** @param networks same syntax as scan targets, usually CIDR blocks */
    public static Scope parse(String networks) {
        RangeSet parsed = RangeSet.of(new TargetParser("authorised network").parse(networks));
        if (parsed.isEmpty()) {
            throw new TargetSyntaxException("no authorised networks given; expected CIDR blocks such as " + LOOPBACK);
        }
        return new Scope(parsed, null);
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

    /** The same networks, in which a probe spares the scanner's own receiver (see {@link OwnReceiver}). */
    public Scope sparing(OwnReceiver receiver) {
        return new Scope(networks, receiver);
    }

    /** Why a probe must not connect to this endpoint, in the operator's words; empty when it may. */
    public Optional<String> refusal(Endpoint endpoint) {
        if (!permits(endpoint.address())) {
            return Optional.of(endpoint.host() + " is outside the authorised networks " + describe());
        }
        if (spared != null && spared.covers(endpoint)) {
            return Optional.of(endpoint + " is this scanner's own receiver; to probe it, write " + endpoint.host()
                    + " on its own in the targets");
        }
        return Optional.empty();
    }

    public String describe() {
        return networks.text();
    }

    @Override
    public String toString() {
        return describe();
    }
}
