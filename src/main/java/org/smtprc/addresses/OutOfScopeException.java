package org.smtprc.addresses;

/** A scan names addresses outside the networks this installation is authorised to scan. */
public class OutOfScopeException extends IllegalArgumentException {

    public OutOfScopeException(String message) {
        super(message);
    }
}
