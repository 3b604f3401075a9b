package org.smtprc.addresses;

import java.util.Arrays;
import java.util.BitSet;
import java.util.regex.Pattern;

/** Reads a port list such as {@code 25}, {@code 25,587} or {@code 2525-2530}; duplicates collapse. */
final class PortListParser {

    static final int MIN_PORT = 1;
    /** The scan request's field its errors name ({@link FieldError}). */
    private static final String FIELD = "ports";
    static final int MAX_PORT = 65_535;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,5}");

    private PortListParser() {
    }

    /** @return ascending, distinct ports */
    static int[] parse(String text) {
        BitSet ports = new BitSet(MAX_PORT + 1);
        for (String item : TargetParser.items(text)) {
            String[] bounds = item.split("-", -1);
            if (bounds.length > 2 || Arrays.asList(bounds).contains("")) {
                throw bad(item, "expected a port (25) or a port range (2525-2530)");
            }
            int low = port(item, bounds[0]);
            int high = bounds.length == 2 ? port(item, bounds[1]) : low;
            if (low > high) {
                throw bad(item, "the port range is reversed; write " + high + "-" + low);
            }
            ports.set(low, high + 1);
        }
        if (ports.isEmpty()) {
            throw new TargetSyntaxException(FIELD, "no ports given; expected e.g. 25, or 25,587, or 2525-2530");
        }
        return ports.stream().toArray();
    }

    private static int port(String item, String text) {
        if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text) < MIN_PORT || Integer.parseInt(text) > MAX_PORT) {
            throw bad(item, "\"" + text + "\" is not a port number " + MIN_PORT + "-" + MAX_PORT);
        }
        return Integer.parseInt(text);
    }

    /** Canonical text: ascending, consecutive ports written as ranges, e.g. "25,587,2525-2530". */
    static String text(int[] ports) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ports.length; ) {
            int j = i;
            while (j + 1 < ports.length && ports[j + 1] == ports[j] + 1) {
                j++;
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(ports[i]);
            if (j > i) {
                text.append('-').append(ports[j]);
            }
            i = j + 1;
        }
        return text.toString();
    }

    private static TargetSyntaxException bad(String item, String reason) {
        return TargetSyntaxException.of(FIELD, "port", item, reason);
    }
}
