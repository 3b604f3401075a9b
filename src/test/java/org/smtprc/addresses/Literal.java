package org.smtprc.addresses;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test helper: an InetAddress from a literal without the resolver. */
final class Literal {

    private Literal() {
    }

    static InetAddress v4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return of(bytes);
    }

    static InetAddress v6Loopback() {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        return of(bytes);
    }

    static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
