package org.smtprc.inbound;

import java.time.Instant;
import java.util.List;

/**
 * An inbound mail message that failed every delivery attempt and waits in the dead-letter queue, as the broker
 * keeps it. The envelope fields are the stranger's, unchecked: cut and escape them before showing them.
 *
 * @param id            the JMS message id without its "ID:" prefix
 * @param receivedAt    when the receiver (or a mailbox poll) took the mail; null if the message does not say
 * @param deliveryCount how often it was delivered to the matching bean
 * @param sizeBytes     the raw mail's size
 * @param reason        why its last delivery failed, while this server remembers it (null after a restart)
 * @param failedAt      when that was
 */
public record DeadLetter(String id, Instant receivedAt, int deliveryCount, long sizeBytes, String mailFrom,
                         List<String> recipients, String peer, String reason, Instant failedAt) {

    private static final String PREFIX = "ID:";

    /** Artemis message ids are "ID:" and a UUID; anything else, in a request, names no dead letter of ours. */
    public static boolean wellFormed(String id) {
        return id != null && id.length() == 36 && id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0);
    }

    static String idOf(String jmsMessageId) {
        return jmsMessageId != null && jmsMessageId.startsWith(PREFIX) ? jmsMessageId.substring(PREFIX.length())
                : jmsMessageId;
    }

    static String jmsMessageId(String id) {
        return PREFIX + id;
    }
}
