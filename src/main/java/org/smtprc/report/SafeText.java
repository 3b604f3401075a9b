package org.smtprc.report;

import java.util.Locale;

/**
 * Makes text from scanned hosts safe to show. Everything a host says (banner, replies, headers) is hostile: it may
 * carry terminal escapes, markup, spreadsheet formulas or megabytes of junk.
 */
public final class SafeText {

    private static final String TRUNCATION_MARK = "…[truncated %d chars]";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SafeText() {
    }

    /** At most {@code maxChars} of the text, then a visible marker saying how much was cut; null becomes "". */
    public static String bound(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        if (s.length() <= maxChars) {
            return s;
        }
        int cut = Math.max(0, maxChars);
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--; // never split a character in two
        }
        return s.substring(0, cut) + TRUNCATION_MARK.formatted(s.length() - cut);
    }

    /**
     * Multi-line text with every control character made visible (ESC as {@code \x1b}, NUL as {@code \x00}, bidi
     * overrides as {@code \u202e}); tabs and line breaks stay, CRLF becomes LF.
     */
    public static String printable(String s) {
        return visible(s, true);
    }

    /** One line: like {@link #printable} but CR and LF are shown as {@code \r} and {@code \n} too. */
    public static String printableLine(String s) {
        return visible(s, false);
    }

    private static String visible(String s, boolean keepLineBreaks) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            boolean crBeforeLf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (keepLineBreaks && crBeforeLf) {
                continue; // CRLF becomes the LF that follows
            }
            if (c == '\t' || (keepLineBreaks && c == '\n')) {
                out.append((char) c);
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append("\\x").append(String.format(Locale.ROOT, "%02x", c));
            } else if (isInvisibleOrDeceptive(c)) {
                out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** Format characters (bidi overrides, zero-width), line separators, lone surrogates and unassigned code points. */
    private static boolean isInvisibleOrDeceptive(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** Escapes the five characters that are markup in HTML text and attribute values; null becomes "". */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a spreadsheet would run as
     * a formula (starting with = + - @ TAB CR) gets a leading apostrophe, so it is shown as text instead.
     */
    public static String csvCell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String cell = FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        boolean quote = cell.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
