package org.smtprc.owners;

import java.util.regex.Pattern;

/**
 * A plain e-mail address ({@code abuse@customer.example}) for an owner's notices: dot-atom local part, a domain of
 * dot-separated labels, nothing else. No display name, no quotes, no comments, no white space or line break: the
 * address goes into a mail header as it is.
 */
final class ContactAddress {

    static final int MAX_LENGTH = 254;

    private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private ContactAddress() {
    }

    /** Why {@code text} is not such an address, or null when it is one. */
    static String problem(String text) {
        if (text.isEmpty()) {
            return "the contact address is empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "the contact address is longer than " + MAX_LENGTH + " characters";
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            return "contact \"" + OwnerText.shown(text) + "\" is not an e-mail address like abuse@customer.example";
        }
        for (String atom : text.substring(0, at).split("\\.", -1)) {
            if (!ATOM.matcher(atom).matches()) {
                return "contact \"" + OwnerText.shown(text) + "\": the part before @ is not a plain mailbox name";
            }
        }
        String[] labels = text.substring(at + 1).split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "contact \"" + OwnerText.shown(text) + "\": the domain is not a host name like customer.example";
            }
        }
        return labels.length < 2 ? "contact \"" + OwnerText.shown(text) + "\": the domain needs a dot (customer.example)"
                : null;
    }
}
