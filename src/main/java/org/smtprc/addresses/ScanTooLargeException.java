package org.smtprc.addresses;

/** A scan covers more addresses (or endpoints) than the installation allows in one scan: its targets are refused. */
public class ScanTooLargeException extends IllegalArgumentException implements FieldError {

    public ScanTooLargeException(String message) {
        super(message);
    }

    @Override
    public String field() {
        return "targets";
    }
}
