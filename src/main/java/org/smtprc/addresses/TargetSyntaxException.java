package org.smtprc.addresses;

/**
 * A target list, exclusion list, port list or authorised-network list the operator typed is malformed.
 * The message quotes the offending part and says what was expected; {@link #field()} says which list.
 */
public class TargetSyntaxException extends IllegalArgumentException implements FieldError {

    private final String field;

    public TargetSyntaxException(String message) {
        this(null, message);
    }

    /** @param field the scan request's field the list came from ("targets", "exclude", "ports"), or null */
    public TargetSyntaxException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The usual shape: {@code target "10.0.0.300": octet 300 is out of range 0-255}. */
    static TargetSyntaxException of(String role, String part, String reason) {
        return of(null, role, part, reason);
    }

    static TargetSyntaxException of(String field, String role, String part, String reason) {
        return new TargetSyntaxException(field, role + " \"" + part + "\": " + reason);
    }

    @Override
    public String field() {
        return field;
    }
}
