package org.smtprc.history;

import org.smtprc.addresses.HostAddress;

import java.util.List;

/**
 * Something that knows dated events about an address: scans (verdicts), and later notices and re-checks. Every
 * CDI bean of this type is asked; the host history merges their answers, newest first.
 */
public interface HostHistorySource {

    /**
     * The address's newest events, at most {@code newest} of them, in any order (the caller sorts).
     *
     * @param address one parsed address; its {@link HostAddress#text()} is how scans store it
     */
    List<HostEvent> eventsFor(HostAddress address, int newest);
}
