package org.smtprc.bench;

import java.util.Map;

/**
 * One line of the benchmark table.
 *
 * @param seconds  the time the rates are computed from: probing time for a scan, loop time for the bare loop
 * @param measured null for the bare loop, which has no server side
 * @param expected null when there is nothing to check
 */
record CaseResult(String name, long addresses, long live, double seconds, ScanRun.Measured measured,
                  Map<String, Long> expected, String note) {

    double addressesPerSecond() {
        return addresses / seconds;
    }

    double livePerSecond() {
        return live / seconds;
    }

    boolean countsRight() {
        return expected == null || (measured != null && expected.equals(measured.counts()));
    }

    String check() {
        if (expected == null) {
            return "-";
        }
        return countsRight() ? "OK" : "MISMATCH (expected " + expected + ")";
    }
}
