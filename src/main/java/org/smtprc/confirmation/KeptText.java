package org.smtprc.confirmation;

/**
 * Text from inbound mail (envelope, headers) made fit for its column: cut with a note of how much was left out,
 * and NUL characters replaced, which PostgreSQL refuses in text. Anyone may send a MAIL FROM of kilobytes.
 */
final class KeptText {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    private KeptText() {
    }

    /** At most {@code limit} characters; a longer value ends in "…[N more characters of {what} not kept]". */
    static String cut(String value, int limit, String what) {
        if (value == null) {
            return null;
        }
        String clean = value.replace(NUL, REPLACEMENT);
        if (clean.length() <= limit) {
            return clean;
        }
        // The note for the whole length is at least as long as the note for what is cut: it always fits.
        int kept = limit - note(clean.length(), what).length();
        return clean.substring(0, kept) + note(clean.length() - kept, what);
    }

    private static String note(int cut, String what) {
        return "…[" + cut + " more characters of " + what + " not kept]";
    }
}
