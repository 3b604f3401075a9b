package org.smtprc.addresses;

/** A scan names addresses outside the networks this installation is authorised to scan: its targets are refused. */
public class OutOfScopeException extends IllegalArgumentException implements FieldError {

    public OutOfScopeException(String message) {
        super(message);
    }

    @Override
    public String field() {
        return "targets";
    }
}
