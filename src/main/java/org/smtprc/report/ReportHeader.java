package org.smtprc.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report says about the scan as a whole.
 *
 * @param countsByVerdictLabel hosts per verdict, in the order the report lists them
 * @param finished             null while the scan runs
 */
public record ReportHeader(long scanId, String targets, String ports, String profile, String status, Instant started,
                           Instant finished, String scannedFrom, Map<String, Long> countsByVerdictLabel,
                           long addressesTotal, long addressesDone) {

    public ReportHeader {
        countsByVerdictLabel = Collections.unmodifiableMap(
                new LinkedHashMap<>(countsByVerdictLabel == null ? Map.of() : countsByVerdictLabel));
    }
}
