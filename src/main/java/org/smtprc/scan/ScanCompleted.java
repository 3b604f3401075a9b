package org.smtprc.scan;

/**
 * A CDI event, fired once when a scan has completed and its report is written (not when it stops or fails).
 * Observers run on the batch thread after the scan's status is committed; they must not throw: what they do
 * (notices, re-checks, schedules) is their own business and cannot undo the scan.
 */
public record ScanCompleted(long scanId) {
}
