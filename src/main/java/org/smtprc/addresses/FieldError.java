package org.smtprc.addresses;

/**
 * A refusal of what an operator typed that knows which field of the request it is about ("targets", "exclude",
 * "ports", "profile", "options.connectTimeoutMs"): the API's error names it, so that a form shows the message next
 * to that field. Raised where the field is known, never guessed from the message afterwards.
 */
public interface FieldError {

    /** The request's field, as the scan request names it; null when the refusal is about no single field. */
    String field();
}
