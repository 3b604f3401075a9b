package org.smtprc.api;

import org.smtprc.scan.ScanBlock;

/**
 * One address block (partition) of a scan: its slice of endpoints, how far it got, how often it ran; in a cluster
 * the node that ran it and the block's own job execution there (null on a single server).
 */
public record BlockView(int number, long start, long end, long next, boolean done, int runs, long refused,
                        long unreachable, String node, Long executionId) {

    static BlockView of(ScanBlock b) {
        return new BlockView(b.getNumber(), b.getStart(), b.getEnd(), b.getNextIndex(), b.isDone(), b.getRuns(),
                b.getRefused(), b.getUnreachable(), b.getNode(), b.getExecutionId());
    }
}
