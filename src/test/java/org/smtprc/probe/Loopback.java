package org.smtprc.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.smtprc.addresses.Endpoint;

/** Loopback addresses built from bytes, never by name: tests must not touch the resolver. */
final class Loopback {

    private Loopback() {
    }

    static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ipv6() {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Endpoint endpoint(int port) {
        return new Endpoint(ipv4(127, 0, 0, 1), port);
    }
}
