package org.smtprc.api;

import org.smtprc.history.DiffCategory;
import org.smtprc.history.EndpointChange;
import org.smtprc.history.ScanDiffs;
import org.smtprc.scan.Scan;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan compared with its base scan: counts per category (every endpoint of both scans falls into one), and a
 * page of the changed endpoints.
 *
 * @param listed how many changed endpoints the diff lists (in {@code category}, when one was asked for)
 */
public record DiffView(ScanRef scan, ScanRef base, String baseChosen, Map<String, Long> counts,
                       Map<String, String> meanings, String category, long listed, long offset, int limit,
                       List<EndpointChange> changes) {

    public record ScanRef(long id, String status, Instant createdAt, Instant finishedAt, Long scheduleId,
                          Long recheckOf) {
        static ScanRef of(Scan scan) {
            return new ScanRef(scan.getId(), scan.getStatus().name(), scan.getCreatedAt(), scan.getFinishedAt(),
                    scan.getScheduleId(), scan.getRecheckOf());
        }
    }

    static DiffView of(ScanDiffs.Page page, DiffCategory only) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> meanings = new LinkedHashMap<>();
        for (DiffCategory category : DiffCategory.values()) {
            counts.put(category.name(), page.counts().getOrDefault(category, 0L));
            meanings.put(category.name(), category.meaning());
        }
        return new DiffView(ScanRef.of(page.pair().scan()), ScanRef.of(page.pair().base()), page.pair().baseChosen(),
                counts, meanings, only == null ? null : only.name(), page.listedTotal(), page.offset(), page.limit(),
                page.changes());
    }
}
