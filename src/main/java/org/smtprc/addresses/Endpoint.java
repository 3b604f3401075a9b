package org.smtprc.addresses;

import java.net.InetAddress;
import java.util.Objects;

/** One address and TCP port to test: the unit a scan's reader yields. */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < PortListParser.MIN_PORT || port > PortListParser.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is not in " + PortListParser.MIN_PORT + "-" + PortListParser.MAX_PORT);
        }
    }

    /** The address as text, never a host name: "127.0.1.1" or "::1". */
    public String host() {
        return AddressLiterals.format(address);
    }

    /** The SMTP address literal (RFC 5321 4.1.3): "[127.0.1.1]" or "[IPv6:::1]". */
    public String addressLiteral() {
        return AddressLiterals.isV6(address) ? "[IPv6:" + host() + "]" : "[" + host() + "]";
    }

    @Override
    public String toString() {
        return AddressLiterals.isV6(address) ? "[" + host() + "]:" + port : host() + ":" + port;
    }
}
