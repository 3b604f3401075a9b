package org.smtprc.report;

import java.time.Instant;

/**
 * One relay test of a host as the report shows it.
 *
 * @param mailFrom    envelope sender without angle brackets; "" is the null sender
 * @param rcptTo      envelope recipient without angle brackets
 * @param confirmedAt when the relayed probe message reached our receiver; null when not confirmed
 */
public record ReportTest(String form, String mailFrom, String rcptTo, String outcome, String transcript,
                         boolean confirmed, Instant confirmedAt) {
}
