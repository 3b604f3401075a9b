package org.smtprc.scan;

@jakarta.ejb.ApplicationException
public class UnknownScanException extends RuntimeException {
    public UnknownScanException(long scanId) {
        super("there is no scan " + scanId + ": list the scans with GET /api/scans");
    }
}
