package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scanner's own inbound receiver, as the endpoints a probe could reach it at: its bind address at its port; bound
 * to every address (0.0.0.0 or ::), all of loopback (127.0.0.0/8 and ::1 all reach such a socket) and the addresses
 * of the machine's network interfaces at that port. A scan never probes it unless the operator wrote the address on
 * its own in the targets: a probe of our own mailbox proves nothing and only fills it.
 */
public final class OwnReceiver {

    private final RangeSet addresses;
    private final int port;

    private OwnReceiver(RangeSet addresses, int port) {
        this.addresses = addresses;
        this.port = port;
    }

    /**
     * @param bindAddress the receiver's bind address as configured; anything but one address literal (the receiver
     *                    then does not start) is taken as every local address, which errs on the side of skipping
     * @param port        the receiver's port
     */
    public static OwnReceiver at(String bindAddress, int port) {
        List<AddressRange> bound;
        try {
            bound = new TargetParser("receiver address").parse(bindAddress);
        } catch (TargetSyntaxException notALiteral) {
            bound = List.of();
        }
        boolean one = bound.size() == 1 && bound.getFirst().count().equals(BigInteger.ONE);
        if (one && bound.getFirst().first().signum() != 0) {
            return new OwnReceiver(RangeSet.of(bound), port);
        }
        List<AddressRange> local = new ArrayList<>(new TargetParser("loopback").parse(Scope.LOOPBACK));
        local.addAll(interfaceAddresses());
        return new OwnReceiver(RangeSet.of(local), port);
    }

    /** The addresses of this machine's interfaces, read from the kernel, never from DNS; none when unreadable. */
    private static List<AddressRange> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .map(OwnReceiver::single)
                    .toList();
        } catch (SocketException unreadable) {
            return List.of();
        }
    }

    private static AddressRange single(InetAddress address) {
        BigInteger number = AddressLiterals.toNumber(address);
        return new AddressRange(number, number, AddressLiterals.isV6(address));
    }

    /** Whether a probe of this endpoint would reach the receiver. */
    public boolean covers(Endpoint endpoint) {
        return endpoint.port() == port && addresses.contains(endpoint.address());
    }

    /**
     * The receiver's addresses that the targets wrote on their own, as text {@link #except} takes; empty when none.
     * Only a space as the operator asked for it knows (see {@link AddressSpace#parse}).
     */
    public String namedIn(AddressSpace space) {
        return space.namedAlone().intersect(addresses).text();
    }

    /** The receiver without the addresses an operator named on their own ({@link #namedIn}): those may be probed. */
    public OwnReceiver except(String named) {
        return new OwnReceiver(addresses.minus(RangeSet.of(new TargetParser("named address").parse(named))), port);
    }

    @Override
    public String toString() {
        return addresses.text() + " port " + port;
    }
}
