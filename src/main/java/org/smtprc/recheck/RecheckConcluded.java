package org.smtprc.recheck;

import java.util.List;

/**
 * A CDI event, fired once when a re-check scan has completed and its hosts are judged against the scan they
 * re-check. Host ids are those of the original scan's {@code HostRecord}s (the relays found first):
 * {@code fixed} no longer relay, {@code stillRelaying} still do. Observers (notices) must not throw.
 */
public record RecheckConcluded(long originalScanId, long recheckScanId, List<Long> fixed, List<Long> stillRelaying) {

    public RecheckConcluded {
        fixed = List.copyOf(fixed);
        stillRelaying = List.copyOf(stillRelaying);
    }
}
