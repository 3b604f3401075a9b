package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Converts between addresses as unsigned numbers, {@link InetAddress} and their text, without the resolver:
 * a scanner must never cause a DNS look-up.
 */
final class AddressLiterals {

    static final int IPV4_BYTES = 4;
    static final int IPV6_BYTES = 16;
    static final BigInteger IPV4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    static final BigInteger IPV6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private AddressLiterals() {
    }

    static BigInteger max(boolean v6) {
        return v6 ? IPV6_MAX : IPV4_MAX;
    }

    static boolean isV6(InetAddress address) {
        return !(address instanceof Inet4Address);
    }

    static BigInteger toNumber(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    static InetAddress toAddress(BigInteger number, boolean v6) {
        int length = v6 ? IPV6_BYTES : IPV4_BYTES;
        byte[] raw = number.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a " + length + "-byte address was refused", impossible);
        }
    }

    /** Dotted quad for IPv4; RFC 5952 canonical form (lower case, longest zero run as "::") for IPv6. */
    static String format(BigInteger number, boolean v6) {
        return v6 ? formatV6(number) : formatV4(number.longValue());
    }

    static String format(InetAddress address) {
        return format(toNumber(address), isV6(address));
    }

    private static String formatV4(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }

    private static String formatV6(BigInteger number) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = number.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
