package org.smtprc.scan;

/** Where a scan stands, as an operator sees it (a scan may span several job executions). */
public enum ScanStatus {
    CREATED, PROBING, CONFIRMING, COMPLETED, STOPPING, STOPPED, FAILED, ABANDONED,
    /** The server went down while the scan ran; it can be restarted from its checkpoints. */
    INTERRUPTED;

    public boolean isActive() {
        return this == CREATED || this == PROBING || this == CONFIRMING || this == STOPPING;
    }
}
