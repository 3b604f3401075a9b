package org.smtprc.probe;

import java.util.Locale;

/**
 * Whether a relay test's recipient is one the target may take for a mailbox of its own: accepting it is no relay
 * finding by itself. The rule, on the path as sent after {@code RCPT TO:} (macros expanded):
 *
 * <ol>
 *   <li>One pair of angle brackets and an RFC 821 source route ({@code @host,@host:}) are set aside: servers ignore
 *       the route (RFC 5321, 4.1.1.3) and deliver to the mailbox after it.</li>
 *   <li>The domain is what follows the last {@code @} outside a quoted string.</li>
 *   <li>No domain at all is local-looking: an unqualified mailbox ({@code postmaster}), a quoted local part
 *       ({@code "relaytest@probe.example"}), a percent or bang local part ({@code probe.example!relaytest}); a
 *       server delivers those to its own mailboxes.</li>
 *   <li>A domain that is the target's own (the name it announced, or its address literal; a trailing dot aside,
 *       case ignored) is local-looking, whatever tricks the local part holds
 *       ({@code relaytest%probe.example@[192.0.2.1]}): the server may well deliver to a local mailbox of that
 *       odd name, or bounce it.</li>
 *   <li>Any other domain is plainly foreign: taking it is relaying. So is our own probe domain, even when a target
 *       announces it as its name.</li>
 * </ol>
 *
 * <p>Whether a local-looking recipient was in fact relayed shows only when its probe message comes back.
 */
final class LocalRecipient {

    private LocalRecipient() {
    }

    /**
     * @param path   the recipient as sent, e.g. {@code <"relaytest%probe.example"@mx.example>}
     * @param target the target's own names: {@link RelayForm.Macros#name()} and its address literal; and our probe
     *               domain, which is never the target's
     */
    static boolean isLocalLooking(String path, RelayForm.Macros target) {
        String mailbox = withoutSourceRoute(withoutBrackets(path.strip()));
        int at = lastAtOutsideQuotes(mailbox);
        if (at < 0) {
            return true;
        }
        String domain = withoutTrailingDot(mailbox.substring(at + 1)).toLowerCase(Locale.ROOT);
        if (domain.equals(withoutTrailingDot(target.domain()).toLowerCase(Locale.ROOT))) {
            return false;
        }
        return domain.equals(withoutTrailingDot(target.name()).toLowerCase(Locale.ROOT))
                || domain.equals(target.target().addressLiteral().toLowerCase(Locale.ROOT));
    }

    private static String withoutBrackets(String path) {
        return path.length() >= 2 && path.startsWith("<") && path.endsWith(">")
                ? path.substring(1, path.length() - 1) : path;
    }

    /** The path after its source route; the colon ending the route is the first outside an address literal. */
    private static String withoutSourceRoute(String path) {
        if (!path.startsWith("@")) {
            return path;
        }
        boolean literal = false;
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[' || c == ']') {
                literal = c == '[';
            } else if (c == ':' && !literal) {
                return path.substring(i + 1);
            }
        }
        return path;
    }

    private static int lastAtOutsideQuotes(String mailbox) {
        int at = -1;
        boolean quoted = false;
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '@' && !quoted) {
                at = i;
            }
        }
        return at;
    }

    private static String withoutTrailingDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
