package org.smtprc.api;

import org.smtprc.inbound.DeadLetter;
import org.smtprc.report.SafeText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A dead letter as the API shows it: the envelope is a stranger's, so each field is cut and its control characters
 * made visible, and at most {@value #RECIPIENTS_SHOWN} recipients are listed.
 */
public record DeadLetterView(String id, Instant receivedAt, int deliveryCount, long sizeBytes, String mailFrom,
                             List<String> recipients, String peer, String reason, Instant failedAt) {

    private static final int FIELD_LIMIT = 320;
    private static final int RECIPIENTS_SHOWN = 20;

    static DeadLetterView of(DeadLetter letter) {
        List<String> recipients = new ArrayList<>();
        for (String recipient : letter.recipients()) {
            if (recipients.size() == RECIPIENTS_SHOWN) {
                recipients.add("…[" + (letter.recipients().size() - RECIPIENTS_SHOWN) + " more recipients]");
                break;
            }
            recipients.add(shown(recipient));
        }
        return new DeadLetterView(letter.id(), letter.receivedAt(), letter.deliveryCount(), letter.sizeBytes(),
                shown(letter.mailFrom()), recipients, shown(letter.peer()), letter.reason(), letter.failedAt());
    }

    /** A stranger's text in one line: cut, with its control characters shown as escapes. */
    static String shown(String text) {
        return text == null ? null : SafeText.printableLine(SafeText.bound(text, FIELD_LIMIT));
    }
}
