package org.smtprc.lab;

/**
 * A RCPT path classified by its envelope family, with the mailbox a lenient relay would deliver it to
 * (the "normalised" recipient: {@code user%domain@host} goes to {@code user@domain}).
 */
record RelayAddress(EnvelopeFamily family, String mailbox) {

    /** @param path the text between the angle brackets of RCPT TO */
    static RelayAddress decode(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return new RelayAddress(EnvelopeFamily.SOURCE_ROUTE, colon < 0 ? path : path.substring(colon + 1));
        }
        if (path.startsWith("\"")) {
            int close = path.indexOf('"', 1);
            String inner = close < 0 ? path.substring(1) : path.substring(1, close);
            return new RelayAddress(EnvelopeFamily.QUOTED, inner.contains("@") ? inner : percentToAt(inner));
        }
        int lastAt = path.lastIndexOf('@');
        String local = lastAt < 0 ? path : path.substring(0, lastAt);
        int bang = local.indexOf('!');
        if (bang >= 0) {
            return new RelayAddress(EnvelopeFamily.BANG_PATH, local.substring(bang + 1) + "@" + local.substring(0, bang));
        }
        if (local.contains("@")) {
            return new RelayAddress(EnvelopeFamily.DOUBLE_AT, local);
        }
        if (lastAt >= 0 && local.contains("%")) {
            return new RelayAddress(EnvelopeFamily.PERCENT_HACK, percentToAt(local));
        }
        return new RelayAddress(EnvelopeFamily.PLAIN, path);
    }

    private static String percentToAt(String local) {
        int percent = local.lastIndexOf('%');
        return percent < 0 ? local : local.substring(0, percent) + "@" + local.substring(percent + 1);
    }
}
