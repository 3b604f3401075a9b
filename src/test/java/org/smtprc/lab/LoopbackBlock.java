package org.smtprc.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IPv4 loopback addresses written as a literal ({@code 127.0.1.1}) or a CIDR block
 * ({@code 127.0.2.0/24}). Parsed by hand: the lab must never ask the resolver about anything.
 * A block keeps every address it spans, network and broadcast included: on loopback they are ordinary hosts.
 */
record LoopbackBlock(int first, int size) {

    static LoopbackBlock parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int prefix = slash < 0 ? 32 : prefix(trimmed, trimmed.substring(slash + 1));
        int address = parseAddress(trimmed, literal);
        if ((address >>> 24) != 127) {
            throw new IllegalArgumentException("lab address \"" + trimmed
                    + "\" is not on loopback: the lab only listens on 127.0.0.0/8, pick an address there");
        }
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        if ((address & ~mask) != 0) {
            throw new IllegalArgumentException("lab block \"" + trimmed + "\" has host bits set: did you mean "
                    + format(address & mask) + "/" + prefix + "?");
        }
        return new LoopbackBlock(address, (int) Math.min(1L << (32 - prefix), Integer.MAX_VALUE));
    }

    int address(int index) {
        return first + index;
    }

    static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    static InetAddress inetAddress(int address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", impossible);
        }
    }

    /** Parses a dotted-quad literal; the whole entry is named in errors so the operator finds it in a long spec. */
    static int parseAddress(String entry, String literal) {
        String[] octets = literal.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("lab address \"" + entry + "\" is not a dotted IPv4 literal like 127.0.1.1");
        }
        int address = 0;
        for (String octet : octets) {
            address = (address << 8) | number(entry, octet, "octet", 255);
        }
        return address;
    }

    private static int prefix(String entry, String text) {
        int prefix = number(entry, text, "prefix length", 32);
        if (prefix < 8) {
            throw new IllegalArgumentException("lab block \"" + entry + "\": prefix /" + prefix
                    + " reaches outside 127.0.0.0/8, use /8 or longer");
        }
        return prefix;
    }

    private static int number(String entry, String text, String what, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("lab address \"" + entry + "\": " + what + " \"" + text + "\" is not a number 0-" + max);
        }
        int value = Integer.parseInt(text);
        if (value > max) {
            throw new IllegalArgumentException("lab address \"" + entry + "\": " + what + " " + value + " is out of range 0-" + max);
        }
        return value;
    }
}
