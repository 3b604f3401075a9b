package org.smtprc.scan;

/** Who started a scan: an operator ({@link #OPERATOR}), a schedule, or a re-check of an earlier scan. */
public record ScanOrigin(Long scheduleId, Long recheckOf) {

    public static final ScanOrigin OPERATOR = new ScanOrigin(null, null);

    public static ScanOrigin schedule(long scheduleId) {
        return new ScanOrigin(scheduleId, null);
    }

    public static ScanOrigin recheckOf(long scanId) {
        return new ScanOrigin(null, scanId);
    }
}
