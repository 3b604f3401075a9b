package org.smtprc.history;

import org.smtprc.probe.Verdict;

import java.time.Instant;

/** What one scan recorded for one endpoint: the columns a diff needs, without the host's evidence. */
public record EndpointVerdict(String address, int port, Verdict verdict, String detail, Instant probedAt,
                              long endpointIndex) {
}
