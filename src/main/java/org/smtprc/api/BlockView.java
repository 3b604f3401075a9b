package org.smtprc.api;

import org.smtprc.scan.ScanBlock;

/** One address block (partition) of a scan: its slice of endpoints, how far it got, how often it ran. */
public record BlockView(int number, long start, long end, long next, boolean done, int runs, long refused,
                        long unreachable) {

    static BlockView of(ScanBlock b) {
        return new BlockView(b.getNumber(), b.getStart(), b.getEnd(), b.getNextIndex(), b.isDone(), b.getRuns(),
                b.getRefused(), b.getUnreachable());
    }
}
