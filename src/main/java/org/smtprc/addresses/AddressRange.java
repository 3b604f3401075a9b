package org.smtprc.addresses;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An inclusive run of consecutive addresses of one family, held as two numbers so that its memory does not depend
 * on how many addresses it covers.
 *
 * @param first lowest address as an unsigned number
 * @param last  highest address as an unsigned number
 * @param v6    true for IPv6, false for IPv4
 */
public record AddressRange(BigInteger first, BigInteger last, boolean v6) implements Comparable<AddressRange> {

    public AddressRange {
        if (first.signum() < 0 || last.compareTo(AddressLiterals.max(v6)) > 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not a valid " + (v6 ? "IPv6" : "IPv4") + " range: " + first + "-" + last);
        }
    }

    public BigInteger count() {
        return last.subtract(first).add(BigInteger.ONE);
    }

    public boolean contains(InetAddress address) {
        if (AddressLiterals.isV6(address) != v6) {
            return false;
        }
        BigInteger number = AddressLiterals.toNumber(address);
        return first.compareTo(number) <= 0 && number.compareTo(last) <= 0;
    }

    /** The address {@code offset} places after {@link #first}. */
    public InetAddress addressAt(long offset) {
        BigInteger number = first.add(BigInteger.valueOf(offset));
        if (offset < 0 || number.compareTo(last) > 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside " + this);
        }
        return AddressLiterals.toAddress(number, v6);
    }

    public InetAddress firstAddress() {
        return AddressLiterals.toAddress(first, v6);
    }

    /** IPv4 before IPv6, then ascending. */
    @Override
    public int compareTo(AddressRange other) {
        int family = Boolean.compare(v6, other.v6);
        return family != 0 ? family : first.compareTo(other.first);
    }

    /** Canonical, re-parseable text: a single address, a CIDR block when the range is one, else "first-last". */
    @Override
    public String toString() {
        String start = AddressLiterals.format(first, v6);
        if (first.equals(last)) {
            return start;
        }
        BigInteger count = count();
        boolean powerOfTwo = count.bitCount() == 1;
        if (powerOfTwo && first.mod(count).signum() == 0) {
            int bits = v6 ? 128 : 32;
            return start + "/" + (bits - (count.bitLength() - 1));
        }
        return start + "-" + AddressLiterals.format(last, v6);
    }
}
