package org.smtprc.probe;

/** Writes the message a relay test sends after DATA. */
@FunctionalInterface
public interface MessageComposer {

    /** The full RFC 5322 message, lines ended by CRLF, not dot-stuffed (the probe does that). */
    String compose(ProbeContext ctx);
}
