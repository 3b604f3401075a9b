package org.smtprc.history;

import org.smtprc.probe.Verdict;

import java.time.Instant;

/** One row of an address's history: what a scan recorded for it on one port, and who started that scan. */
public record AddressVerdict(long scanId, int port, Verdict verdict, String detail, Instant probedAt,
                             Long scheduleId, Long recheckOf) {
}
