package org.smtprc.report;

/**
 * How much of each host-supplied text a report keeps: a hostile host must not be able to blow up a report.
 *
 * @param maxFieldChars      one-line fields and short blocks: banner, capabilities, detail, envelope, outcome
 * @param maxTranscriptChars long blocks: a test's SMTP transcript, a confirmation message's headers
 */
public record ReportLimits(int maxFieldChars, int maxTranscriptChars) {

    public ReportLimits {
        if (maxFieldChars < 1 || maxTranscriptChars < 1) {
            throw new IllegalArgumentException("report limits must be positive: " + maxFieldChars + ", " + maxTranscriptChars);
        }
    }

    public static ReportLimits defaults() {
        return new ReportLimits(2_000, 32_000);
    }
}
