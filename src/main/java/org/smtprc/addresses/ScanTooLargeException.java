package org.smtprc.addresses;

/** A scan covers more addresses (or endpoints) than the installation allows in one scan. */
public class ScanTooLargeException extends IllegalArgumentException {

    public ScanTooLargeException(String message) {
        super(message);
    }
}
