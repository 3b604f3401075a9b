package org.smtprc.probe;

import org.smtprc.addresses.FieldError;

import java.util.Set;

/** A scan asked for a relay-test profile the battery does not define. */
public class UnknownProfileException extends IllegalArgumentException implements FieldError {

    public UnknownProfileException(String profile, Set<String> known) {
        super("unknown relay-test profile '" + profile + "'; the battery defines: " + String.join(", ", known));
    }

    @Override
    public String field() {
        return "profile";
    }
}
