package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * One CIDR block, IPv4 or IPv6 ({@code 198.51.100.0/24}, {@code 2001:db8::/32}); a single address is its own block
 * ({@code /32}, {@code /128}). Parsed by the same rules as targets, so host bits, leading zeros and mapped addresses
 * are refused alike. Never resolves a name.
 */
public record Network(BigInteger first, int prefix, boolean v6) implements Comparable<Network> {

    public Network {
        int bits = v6 ? 128 : 32;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is not 0-" + bits);
        }
    }

    /** One CIDR block or single address; {@code role} names it in the error ("owner network"). */
    public static Network parse(String text, String role) {
        List<List<AddressRange>> items = new TargetParser(role).parseItems(text);
        String item = text == null ? "" : text.strip();
        if (items.size() != 1 || items.getFirst().size() != 1) {
            throw TargetSyntaxException.of(role, item, "give exactly one CIDR block such as 198.51.100.0/24");
        }
        AddressRange range = items.getFirst().getFirst();
        int bits = range.v6() ? 128 : 32;
        if (!item.contains("/") && !range.first().equals(range.last())) {
            throw TargetSyntaxException.of(role, item, "write the block in CIDR form, e.g. " + range);
        }
        BigInteger count = range.count();
        if (count.bitCount() != 1 || range.first().mod(count).signum() != 0) {
            throw TargetSyntaxException.of(role, item, "not one CIDR block; write it as a.b.c.d/n");
        }
        return new Network(range.first(), bits - (count.bitLength() - 1), range.v6());
    }

    /** A single address in its literal form (the form hosts are stored in). */
    public static Network address(String literal) {
        Network parsed = parse(literal, "address");
        if (parsed.prefix != (parsed.v6 ? 128 : 32)) {
            throw TargetSyntaxException.of("address", literal, "expected one address, not a block");
        }
        return parsed;
    }

    public boolean contains(InetAddress address) {
        return range().contains(address);
    }

    /** Whether the single address {@code other} (or every address of the block) lies in this block. */
    public boolean contains(Network other) {
        return other.v6 == v6 && other.prefix >= prefix && other.first.andNot(hostMask()).equals(first);
    }

    /** The block of the given prefix length that holds this block's first address. */
    public Network widenedTo(int shorterPrefix) {
        BigInteger mask = BigInteger.ONE.shiftLeft((v6 ? 128 : 32) - shorterPrefix).subtract(BigInteger.ONE);
        return new Network(first.andNot(mask), shorterPrefix, v6);
    }

    public AddressRange range() {
        return new AddressRange(first, first.or(hostMask()), v6);
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft((v6 ? 128 : 32) - prefix).subtract(BigInteger.ONE);
    }

    /** IPv4 before IPv6, then by address, then wider blocks first. */
    @Override
    public int compareTo(Network other) {
        int family = Boolean.compare(v6, other.v6);
        if (family != 0) {
            return family;
        }
        int address = first.compareTo(other.first);
        return address != 0 ? address : Integer.compare(prefix, other.prefix);
    }

    /** Canonical CIDR text, always with its prefix: {@code 198.51.100.0/24}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return AddressLiterals.format(first, v6) + "/" + prefix;
    }
}
