package org.smtprc.scan;

import java.util.List;

/**
 * Who started a scan: an operator ({@link #OPERATOR}), a schedule, or a re-check of an earlier scan. A re-check also
 * names the battery forms to try first (those its hosts accepted before).
 */
public record ScanOrigin(Long scheduleId, Long recheckOf, List<String> formsFirst) {

    public static final ScanOrigin OPERATOR = new ScanOrigin(null, null);

    public ScanOrigin {
        formsFirst = formsFirst == null ? List.of() : List.copyOf(formsFirst);
    }

    public ScanOrigin(Long scheduleId, Long recheckOf) {
        this(scheduleId, recheckOf, List.of());
    }

    public static ScanOrigin schedule(long scheduleId) {
        return new ScanOrigin(scheduleId, null);
    }

    public static ScanOrigin recheckOf(long scanId) {
        return new ScanOrigin(null, scanId);
    }

    public static ScanOrigin recheckOf(long scanId, List<String> formsFirst) {
        return new ScanOrigin(null, scanId, formsFirst);
    }
}
