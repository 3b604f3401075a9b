package org.smtprc.scan;

/** A scan request that cannot be run as given; the message names the field and what is accepted. */
public class InvalidScanRequestException extends IllegalArgumentException {
    public InvalidScanRequestException(String message) {
        super(message);
    }
}
