package org.smtprc.owners;

import org.smtprc.report.SafeText;

/** Names and references of owners: one line of printable text, bounded. */
final class OwnerText {

    static final int NAME_LIMIT = 200;
    static final int REFERENCE_LIMIT = 200;

    private OwnerText() {
    }

    /** Why {@code text} is not one printable line of at most {@code limit} characters, or null. */
    static String problem(String what, String text, int limit) {
        if (text.length() > limit) {
            return what + " is longer than " + limit + " characters";
        }
        if (!SafeText.printableLine(text).equals(text)) {
            return what + " \"" + shown(text) + "\" holds a line break or another control character";
        }
        return null;
    }

    /** Text from the file as an error message may show it: one line, bounded. */
    static String shown(String text) {
        return SafeText.printableLine(SafeText.bound(text, 80));
    }
}
