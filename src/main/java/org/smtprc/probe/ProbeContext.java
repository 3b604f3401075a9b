package org.smtprc.probe;

import org.smtprc.addresses.Endpoint;

/** What a message composer needs to know about the test it writes the message for. */
public record ProbeContext(Endpoint target, RelayForm form, String mailFrom, String rcptTo, String announcedName) {
}
