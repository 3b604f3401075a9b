package org.smtprc.scan;

/** An action that does not fit where the scan stands (restart a running scan, stop a finished one). */
public class ScanStateException extends RuntimeException {
    public ScanStateException(String message) {
        super(message);
    }
}
