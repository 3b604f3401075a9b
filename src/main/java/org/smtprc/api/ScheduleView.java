package org.smtprc.api;

import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanRequest;
import org.smtprc.schedule.CalendarExpression;
import org.smtprc.schedule.ScanSchedule;
import org.smtprc.schedule.ScheduleRun;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the API shows it: when it runs (the expression's fields and one readable line), the scan each run
 * starts, when it runs next (from its timer), how its last run went; for one schedule also its last runs and the
 * scans it started.
 */
public record ScheduleView(long id, String name, CalendarExpression when, String whenText, ScanRequest scan,
                           boolean paused, Instant nextRun, Run lastRun, String createdBy, Instant createdAt,
                           String changedBy, Instant changedAt, List<Run> runs, List<StartedScan> scans,
                           Map<String, String> links) {

    /** One firing: the scan it started (or, when skipped, the scan still active), or why it started none. */
    public record Run(Instant at, String outcome, Long scanId, boolean catchUp, String note) {
        static Run of(ScheduleRun run) {
            return new Run(run.getAt(), run.getOutcome().name(), run.getScanId(), run.isCatchUp(), run.getNote());
        }
    }

    public record StartedScan(long id, String status, Instant createdAt, Instant finishedAt, String link) {
        static StartedScan of(Scan scan) {
            return new StartedScan(scan.getId(), scan.getStatus().name(), scan.getCreatedAt(), scan.getFinishedAt(),
                    "/api/scans/" + scan.getId());
        }
    }

    static ScheduleView of(ScanSchedule schedule, ScanRequest scan, Instant nextRun, List<ScheduleRun> runs,
                           List<Scan> scans) {
        Run last = schedule.getLastRunAt() == null ? null : new Run(schedule.getLastRunAt(),
                schedule.getLastOutcome().name(), schedule.getLastScanId(), false, schedule.getLastNote());
        String self = "/api/schedules/" + schedule.getId();
        return new ScheduleView(schedule.getId(), schedule.getName(), schedule.getWhen(), schedule.getWhen().text(),
                scan, schedule.isPaused(), nextRun, last, schedule.getCreatedBy(), schedule.getCreatedAt(),
                schedule.getChangedBy(), schedule.getChangedAt(),
                runs == null ? null : runs.stream().map(Run::of).toList(),
                scans == null ? null : scans.stream().map(StartedScan::of).toList(),
                Map.of("self", self, "pause", self + "/pause", "resume", self + "/resume"));
    }
}
