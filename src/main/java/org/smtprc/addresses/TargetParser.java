package org.smtprc.addresses;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the address lists an operator types: targets, exclusions and authorised networks. Items are separated by
 * commas, whitespace or newlines; "#" starts a comment up to the end of the line. Never resolves a name.
 */
final class TargetParser {

    /**
     * Octet patterns such as {@code *.*.*.1} expand to one range per combination of the leading octets; past this
     * many ranges the list itself would grow with the size of the scan, which the address space must never do.
     */
    static final int MAX_RANGES = 65_536;

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
    private static final Pattern SPACED_DASH = Pattern.compile("\\s*-\\s*");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._*-]*[A-Za-z][A-Za-z0-9._*-]*");
    private static final Pattern OCTET_LIKE = Pattern.compile("[0-9*-]+");
    private static final Pattern V4_WITH_PORT = Pattern.compile("[0-9.]+:[0-9]+");
    private static final BigInteger MAPPED_V4_FIRST = new BigInteger("ffff00000000", 16);
    private static final BigInteger MAPPED_V4_LAST = new BigInteger("ffffffffffff", 16);

    private final String role;
    private final String field;

    /** @param role how error messages name an item: "target", "exclusion", "authorised network" */
    TargetParser(String role) {
        this(role, null);
    }

    /** @param field the scan request's field the text comes from, named by its errors ("targets", "exclude") */
    TargetParser(String role, String field) {
        this.role = role;
        this.field = field;
    }

    List<AddressRange> parse(String text) {
        return parseItems(text).stream().flatMap(List::stream).toList();
    }

    /** The ranges of each item, in the order written: what the operator named on its own stays visible. */
    List<List<AddressRange>> parseItems(String text) {
        List<List<AddressRange>> parsed = new ArrayList<>();
        int ranges = 0;
        for (String item : items(text)) {
            List<AddressRange> itemRanges = item(item);
            parsed.add(itemRanges);
            ranges += itemRanges.size();
            if (ranges > MAX_RANGES) {
                throw bad(item, "the list expands to more than " + grouped(MAX_RANGES)
                        + " separate ranges; use CIDR blocks or a-b ranges that cover contiguous addresses");
            }
        }
        return parsed;
    }

    static List<String> items(String text) {
        if (text == null) {
            return List.of();
        }
        String withoutComments = COMMENT.matcher(text).replaceAll("");
        String joinedRanges = SPACED_DASH.matcher(withoutComments).replaceAll("-");
        return Arrays.stream(SEPARATORS.split(joinedRanges)).filter(item -> !item.isEmpty()).toList();
    }

    private List<AddressRange> item(String item) {
        if (V4_WITH_PORT.matcher(item).matches()) {
            throw bad(item, "ports are not part of an address: give the address here and the port in the ports list");
        }
        if (item.contains(":")) {
            return List.of(v6Item(item));
        }
        if (isHostName(item)) {
            throw bad(item, "host names are not accepted: give an address, range or CIDR");
        }
        if (item.contains("/")) {
            return List.of(v4Cidr(item));
        }
        String[] ends = item.split("-", -1);
        if (ends.length == 2 && dots(ends[0]) == 3 && dots(ends[1]) == 3) {
            return List.of(range(item, ipv4(item, ends[0]), ipv4(item, ends[1]), false));
        }
        return octetPattern(item);
    }

    /** A name has letters; "10.0.0.x" is a mistyped address (three octet-like parts), not a name. */
    private static boolean isHostName(String item) {
        if (!HOST_NAME.matcher(item).matches()) {
            return false;
        }
        String[] parts = item.split("\\.", -1);
        long octetLike = Arrays.stream(parts).filter(part -> OCTET_LIKE.matcher(part).matches()).count();
        return !(parts.length == 4 && octetLike >= 3);
    }

    private static int dots(String text) {
        return (int) text.chars().filter(c -> c == '.').count();
    }

    private AddressRange range(String item, BigInteger first, BigInteger last, boolean v6) {
        if (first.compareTo(last) > 0) {
            throw bad(item, "the range is reversed; write it lowest address first: "
                    + AddressLiterals.format(last, v6) + "-" + AddressLiterals.format(first, v6));
        }
        return checkedV6(item, new AddressRange(first, last, v6));
    }

    private AddressRange v4Cidr(String item) {
        String[] parts = item.split("/", -1);
        if (parts.length != 2) {
            throw bad(item, "expected one \"/\" as in 10.1.0.0/16");
        }
        return cidr(item, ipv4(item, parts[0]), prefix(item, parts[1], 32), false);
    }

    private AddressRange cidr(String item, BigInteger network, int prefix, boolean v6) {
        int hostBits = (v6 ? 128 : 32) - prefix;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
        if (network.and(hostMask).signum() != 0) {
            BigInteger base = network.andNot(hostMask);
            throw bad(item, "host bits are set after the /" + prefix + " prefix; the network address is "
                    + AddressLiterals.format(base, v6) + "/" + prefix + " (write that, or a range a-b to start at "
                    + AddressLiterals.format(network, v6) + ")");
        }
        return checkedV6(item, new AddressRange(network, network.or(hostMask), v6));
    }

    private int prefix(String item, String text, int bits) {
        if (!DECIMAL.matcher(text).matches() || text.length() > 3 || Integer.parseInt(text) > bits) {
            throw bad(item, "prefix /" + text + " is not a number 0-" + bits);
        }
        return Integer.parseInt(text);
    }

    private BigInteger ipv4(String item, String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(item, "\"" + text + "\" is not an IPv4 address; expected four octets like 192.0.2.1");
        }
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | octet(item, part);
        }
        return BigInteger.valueOf(value);
    }

    private int octet(String item, String text) {
        if (text.isEmpty()) {
            throw bad(item, "an octet is empty; expected four numbers 0-255 separated by dots");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw bad(item, "octet \"" + text + "\" is not a number 0-255");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            // Some tools read a leading zero as octal: refuse rather than guess which address was meant.
            throw bad(item, "octet \"" + text + "\" has a leading zero; write it in decimal without leading zeros");
        }
        if (text.length() > 3 || Integer.parseInt(text) > 255) {
            throw bad(item, "octet " + text + " is out of range 0-255");
        }
        return Integer.parseInt(text);
    }

    /** SmtpRC's own syntax: every octet is n, n-m or *, e.g. 192.168.0-255.* */
    private List<AddressRange> octetPattern(String item) {
        String[] parts = item.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(item, "expected an address, a-b range, CIDR or four octets each n, n-m or * (e.g. 192.168.0-255.*)");
        }
        int[] low = new int[4];
        int[] high = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.equals("*")) {
                high[i] = 255;
                continue;
            }
            String[] bounds = part.split("-", -1);
            if (bounds.length > 2) {
                throw bad(item, "octet \"" + part + "\" is not n, n-m or *");
            }
            low[i] = octet(item, bounds[0]);
            high[i] = bounds.length == 2 ? octet(item, bounds[1]) : low[i];
            if (low[i] > high[i]) {
                throw bad(item, "octet range " + part + " is reversed; write " + high[i] + "-" + low[i]);
            }
        }
        return expand(item, low, high);
    }

    /**
     * Octets after the last partial one are full (0-255), so each combination of the octets before it yields one
     * contiguous range.
     */
    private List<AddressRange> expand(String item, int[] low, int[] high) {
        int partial = 3;
        while (partial >= 0 && low[partial] == 0 && high[partial] == 255) {
            partial--;
        }
        long combinations = 1;
        for (int i = 0; i < partial; i++) {
            combinations *= high[i] - low[i] + 1;
        }
        if (combinations > MAX_RANGES) {
            throw bad(item, "the pattern expands to " + grouped(combinations) + " separate ranges, more than the "
                    + grouped(MAX_RANGES) + " allowed; use CIDR blocks or a-b ranges that cover contiguous addresses");
        }
        int[] current = low.clone();
        List<AddressRange> ranges = new ArrayList<>((int) combinations);
        while (true) {
            long first = 0;
            long last = 0;
            for (int i = 0; i < 4; i++) {
                boolean fixed = i < partial;
                first = (first << 8) | (fixed ? current[i] : low[i]);
                last = (last << 8) | (fixed ? current[i] : high[i]);
            }
            ranges.add(new AddressRange(BigInteger.valueOf(first), BigInteger.valueOf(last), false));
            int digit = partial - 1;
            while (digit >= 0 && current[digit] == high[digit]) {
                current[digit] = low[digit];
                digit--;
            }
            if (digit < 0) {
                return ranges;
            }
            current[digit]++;
        }
    }

    private AddressRange v6Item(String item) {
        if (item.contains("%")) {
            throw bad(item, "zone ids (%...) are not accepted; give the address without it");
        }
        if (item.contains("/")) {
            String[] parts = item.split("/", -1);
            if (parts.length != 2) {
                throw bad(item, "expected one \"/\" as in 2001:db8::/120");
            }
            return cidr(item, ipv6(item, parts[0]), prefix(item, parts[1], 128), true);
        }
        String[] ends = item.split("-", -1);
        if (ends.length == 2) {
            return range(item, ipv6(item, ends[0]), ipv6(item, ends[1]), true);
        }
        if (ends.length > 2) {
            throw bad(item, "expected an IPv6 address, a range a-b or a CIDR block");
        }
        BigInteger address = ipv6(item, item);
        return checkedV6(item, new AddressRange(address, address, true));
    }

    /** IPv4-mapped addresses would reach the network as IPv4: insist on the IPv4 spelling so scope checks agree. */
    private AddressRange checkedV6(String item, AddressRange range) {
        if (range.v6() && range.first().compareTo(MAPPED_V4_LAST) <= 0 && range.last().compareTo(MAPPED_V4_FIRST) >= 0) {
            throw bad(item, "IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are not accepted; write the IPv4 address instead");
        }
        return range;
    }

    private BigInteger ipv6(String item, String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw bad(item, "\"::\" may appear only once in an IPv6 address");
        }
        List<Integer> head;
        List<Integer> tail;
        if (gap < 0) {
            head = groups(item, text);
            tail = List.of();
            if (head.size() != 8) {
                throw bad(item, "\"" + text + "\" is not an IPv6 address; expected 8 groups of hex digits, or \"::\" for zeros");
            }
        } else {
            head = text.substring(0, gap).isEmpty() ? List.of() : groups(item, text.substring(0, gap));
            tail = text.substring(gap + 2).isEmpty() ? List.of() : groups(item, text.substring(gap + 2));
            if (head.size() + tail.size() > 7) {
                throw bad(item, "\"" + text + "\" has too many groups for an IPv6 address");
            }
        }
        BigInteger value = BigInteger.ZERO;
        for (int group : head) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        value = value.shiftLeft(16 * (8 - head.size() - tail.size()));
        for (int group : tail) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    /** 16-bit groups; the last may be a dotted IPv4 address worth two groups (e.g. 64:ff9b::192.0.2.1). */
    private List<Integer> groups(String item, String text) {
        String[] parts = text.split(":", -1);
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.contains(".")) {
                long v4 = ipv4(item, part).longValue();
                groups.add((int) (v4 >> 16));
                groups.add((int) (v4 & 0xffff));
            } else if (HEX_GROUP.matcher(part).matches()) {
                groups.add(Integer.parseInt(part, 16));
            } else {
                throw bad(item, "\"" + part + "\" is not an IPv6 group; expected 1-4 hex digits");
            }
        }
        return groups;
    }

    private TargetSyntaxException bad(String item, String reason) {
        return TargetSyntaxException.of(field, role, item, reason);
    }

    static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
