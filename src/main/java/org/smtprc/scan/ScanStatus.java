package org.smtprc.scan;

/** Where a scan stands, as an operator sees it (a scan may span several job executions). */
public enum ScanStatus {
    CREATED, PROBING, CONFIRMING, COMPLETED, STOPPING, STOPPED, FAILED, ABANDONED;

    public boolean isActive() {
        return this == CREATED || this == PROBING || this == CONFIRMING || this == STOPPING;
    }
}
