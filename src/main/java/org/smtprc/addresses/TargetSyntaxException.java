package org.smtprc.addresses;

/**
 * A target list, exclusion list, port list or authorised-network list the operator typed is malformed.
 * The message quotes the offending part and says what was expected.
 */
public class TargetSyntaxException extends IllegalArgumentException {

    public TargetSyntaxException(String message) {
        super(message);
    }

    /** The usual shape: {@code target "10.0.0.300": octet 300 is out of range 0-255}. */
    static TargetSyntaxException of(String role, String part, String reason) {
        return new TargetSyntaxException(role + " \"" + part + "\": " + reason);
    }
}
