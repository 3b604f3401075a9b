package org.smtprc.confirmation;

import java.time.Instant;

/**
 * The quarantine at a glance: its rows and oldest mail, its limits (0: off), and how much mail it did not keep
 * since {@code countingSince}: dropped over the row cap, dropped over the per-sender rate, and deleted (or not
 * kept on arrival) past the retention.
 */
public record QuarantineSummary(long rows, Instant oldest, int retentionDays, long maxRows, int perSenderPerHour,
                                long droppedOverCap, long droppedOverRate, long deletedByRetention,
                                Instant countingSince) {
}
