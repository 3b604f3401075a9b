package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One address written as a literal ("192.0.2.1", "2001:db8::1"), never a name, a range or a block, in the order
 * a scan walks its endpoints: IPv4 before IPv6, then by number. Parsing never consults the resolver.
 */
public record HostAddress(BigInteger number, boolean v6) implements Comparable<HostAddress> {

    /** Digits, hex digits, dots and colons: nothing that could be a name, a range, a block or a zone id. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]{1,45}");
    private static final int SHOWN_CHARS = 60;

    /**
     * @throws TargetSyntaxException saying what was wrong when the text is not exactly one IPv4 or IPv6 address
     */
    public static HostAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!LITERAL.matcher(trimmed).matches()) {
            throw notOne(trimmed);
        }
        long v4 = dottedQuad(trimmed);
        if (v4 >= 0) {
            return new HostAddress(BigInteger.valueOf(v4), false);
        }
        List<AddressRange> ranges = new TargetParser("address").parse(trimmed);
        if (ranges.size() != 1 || !ranges.getFirst().count().equals(BigInteger.ONE)) {
            throw notOne(trimmed);
        }
        return new HostAddress(ranges.getFirst().first(), ranges.getFirst().v6());
    }

    /**
     * The plain IPv4 form every scan stores (four decimal octets, no leading zeros) read without the general
     * parser, which a diff would otherwise run on every row; -1 for anything else, which the general parser judges.
     */
    private static long dottedQuad(String text) {
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i <= text.length()) {
            int start = i;
            int octet = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (text.charAt(i++) - '0');
            }
            boolean leadingZero = i - start > 1 && text.charAt(start) == '0';
            if (i == start || leadingZero || octet > 255 || ++octets > 4) {
                return -1;
            }
            value = (value << 8) | octet;
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
        return octets == 4 ? value : -1;
    }

    private static TargetSyntaxException notOne(String text) {
        String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        return TargetSyntaxException.of("address", shown, "not one IP address; give a single IPv4 or IPv6 address"
                + " such as 192.0.2.1 or 2001:db8::1 (no name, range or block)");
    }

    /** The canonical text, as scans store it: dotted quad, or RFC 5952 for IPv6. */
    public String text() {
        return AddressLiterals.format(number, v6);
    }

    public InetAddress inetAddress() {
        return AddressLiterals.toAddress(number, v6);
    }

    @Override
    public int compareTo(HostAddress other) {
        return v6 != other.v6 ? Boolean.compare(v6, other.v6) : number.compareTo(other.number);
    }
}
