package org.smtprc.confirmation;

import java.time.Duration;
import java.time.Instant;

/**
 * How much of the junk that reaches the probe mailbox is kept: quarantined mail older than {@code retentionDays}
 * is deleted, no more than {@code maxRows} rows are kept, and no more than {@code perSenderPerHour} rows from one
 * sending address within an hour. 0 turns a limit off.
 */
record QuarantineLimits(int retentionDays, long maxRows, int perSenderPerHour) {

    static final String RETENTION_DAYS = "smtprc.quarantine.retention-days";
    static final String MAX_ROWS = "smtprc.quarantine.max-rows";
    static final String PER_SENDER_PER_HOUR = "smtprc.quarantine.per-sender-per-hour";

    QuarantineLimits {
        notNegative(RETENTION_DAYS, retentionDays);
        notNegative(MAX_ROWS, maxRows);
        notNegative(PER_SENDER_PER_HOUR, perSenderPerHour);
    }

    /** Mail received before this is past its retention; {@link Instant#MIN} when mail is kept for ever. */
    Instant retainedSince(Instant now) {
        return retentionDays == 0 ? Instant.MIN : now.minus(Duration.ofDays(retentionDays));
    }

    private static void notNegative(String setting, long value) {
        if (value < 0) {
            throw new IllegalStateException("system property " + setting + "=" + value + " is negative; give 0 to"
                    + " turn this quarantine limit off, or a positive number");
        }
    }
}
