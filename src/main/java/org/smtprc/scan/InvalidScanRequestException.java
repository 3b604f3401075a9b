package org.smtprc.scan;

import org.smtprc.addresses.FieldError;

/** A scan request that cannot be run as given; the message names the field and what is accepted. */
public class InvalidScanRequestException extends IllegalArgumentException implements FieldError {

    private final String field;

    public InvalidScanRequestException(String message) {
        this(null, message);
    }

    /** @param field the scan request's field the refusal is about ("targets", "options.heloName"), or null */
    public InvalidScanRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
