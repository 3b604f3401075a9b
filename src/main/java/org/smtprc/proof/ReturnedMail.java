package org.smtprc.proof;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.smtprc.receiver.MessageHeaders;

/**
 * Tells returned mail (a bounce) from relayed mail. A server that accepts a recipient and later cannot deliver
 * returns the message to its envelope sender, often with our probe message and its token attached; that proves
 * the server refused the mail, never that it relayed it.
 *
 * <p>Two marks, either suffices: the mail is addressed to the probe's return address (the envelope sender our
 * relay tests use, a local part of its own, so a bounce arrives for another recipient than relayed mail); or it
 * is a delivery status notification: the null sender and a {@code multipart/report} of report type
 * {@code delivery-status} (RFC 3464), for bounces of mail whose sender was not our return address.
 */
public final class ReturnedMail {

    private ReturnedMail() {
    }

    /** Why this mail is returned mail, or empty when it is not. */
    public static Optional<String> why(String mailFrom, List<String> recipients, String rawMessage,
                                       String returnLocalPart) {
        for (String recipient : recipients) {
            int at = recipient.lastIndexOf('@');
            String local = at < 0 ? recipient : recipient.substring(0, at);
            if (local.equalsIgnoreCase(returnLocalPart)) {
                return Optional.of("bounce: addressed to the probe's return address <" + recipient
                        + ">, where only returned mail is sent");
            }
        }
        if (mailFrom == null || mailFrom.isEmpty()) {
            for (String field : MessageHeaders.fields(rawMessage)) {
                String lower = field.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:") && lower.contains("multipart/report")
                        && lower.contains("delivery-status")) {
                    return Optional.of("bounce: a delivery status notification (null sender, multipart/report)");
                }
            }
        }
        return Optional.empty();
    }
}
