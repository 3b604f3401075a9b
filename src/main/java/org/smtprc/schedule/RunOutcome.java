package org.smtprc.schedule;

/** What became of one firing of a schedule. */
public enum RunOutcome {
    /** A scan was started. */
    STARTED,
    /** Not started: the schedule's previous scan was still active (runs never overlap). */
    SKIPPED,
    /** The scan was refused as an operator's would be (e.g. the authorised networks no longer cover it). */
    REFUSED,
    /** The server failed to start the scan (see its log). */
    FAILED
}
