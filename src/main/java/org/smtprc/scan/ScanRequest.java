package org.smtprc.scan;

/**
 * What an operator asks for. Targets and exclusions: addresses, CIDR blocks, ranges (a.b.c.d-e.f.g.h) and
 * SmtpRC's octet syntax (192.168.0-255.*), separated by commas, spaces or new lines. Unset options take the
 * installation's defaults.
 */
public record ScanRequest(String targets, String exclude, String ports, String profile, Options options) {

    public record Options(Boolean rcptOnly, Boolean recordUnresponsive, Long connectTimeoutMs, Long commandTimeoutMs,
                          Long hostBudgetMs, Long confirmationWindowMs, Integer partitions, Integer chunkSize,
                          String heloName, Long greylistRetryMs, Boolean messagePerForm, Boolean noticesDryRun) {

        public static Options none() {
            return new Options(null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }
}
