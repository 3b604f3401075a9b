package org.smtprc.recheck;

/** Where a re-check stands: waiting for its time, its scan running, judged, or refused (the detail says why). */
public enum RecheckState {
    PENDING, STARTED, CONCLUDED, FAILED
}
