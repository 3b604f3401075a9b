package org.smtprc.schedule;

import jakarta.persistence.*;
import org.smtprc.scan.Bounded;

import java.time.Instant;

/**
 * A recurring scan: when it runs (a calendar expression, one column per field), the scan request each run starts
 * (kept as the JSON the API took, so that fields added to scan requests later travel along), whether it is paused,
 * and how its last run went. Its timer lives in the timer service, with this schedule's id as the timer's info.
 */
@Entity
@Table(name = "scan_schedule")
public class ScanSchedule {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scan_schedule_seq")
    @SequenceGenerator(name = "scan_schedule_seq", sequenceName = "scan_schedule_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "when_second", nullable = false, length = 200)
    private String second;

    @Column(name = "when_minute", nullable = false, length = 200)
    private String minute;

    @Column(name = "when_hour", nullable = false, length = 200)
    private String hour;

    @Column(name = "when_day_of_month", nullable = false, length = 200)
    private String dayOfMonth;

    @Column(name = "when_month", nullable = false, length = 200)
    private String month;

    @Column(name = "when_day_of_week", nullable = false, length = 200)
    private String dayOfWeek;

    @Column(name = "when_year", nullable = false, length = 200)
    private String year;

    @Column(name = "when_timezone", nullable = false, length = 64)
    private String timezone;

    @Lob
    @Column(name = "scan_request", nullable = false)
    private String scanRequest;

    @Column(nullable = false)
    private boolean paused;

    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "changed_by", length = 128)
    private String changedBy;

    @Column(name = "changed_at")
    private Instant changedAt;

    /** When the next run is due, as the timer said when it was last set or fired; null while paused. */
    @Column(name = "next_run_at")
    private Instant nextRunAt;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "last_scan_id")
    private Long lastScanId;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_outcome", length = 16, columnDefinition = "varchar(16)")
    private RunOutcome lastOutcome;

    @Column(name = "last_note", length = 1000)
    private String lastNote;

    protected ScanSchedule() {
    }

    public ScanSchedule(String name, CalendarExpression when, String scanRequest, String createdBy, Instant createdAt) {
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        define(name, when, scanRequest);
    }

    public final void define(String name, CalendarExpression when, String scanRequest) {
        this.name = name;
        this.second = when.second();
        this.minute = when.minute();
        this.hour = when.hour();
        this.dayOfMonth = when.dayOfMonth();
        this.month = when.month();
        this.dayOfWeek = when.dayOfWeek();
        this.year = when.year();
        this.timezone = when.timezone();
        this.scanRequest = scanRequest;
    }

    public void changed(String by, Instant at) {
        this.changedBy = by;
        this.changedAt = at;
    }

    public void setPaused(boolean paused) { this.paused = paused; }
    public void setNextRunAt(Instant nextRunAt) { this.nextRunAt = nextRunAt; }

    public void ran(Instant at, RunOutcome outcome, Long scanId, String note) {
        this.lastRunAt = at;
        this.lastOutcome = outcome;
        this.lastScanId = scanId;
        this.lastNote = Bounded.text(note, 1000);
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public CalendarExpression getWhen() {
        return new CalendarExpression(second, minute, hour, dayOfMonth, month, dayOfWeek, year, timezone);
    }
    public String getScanRequest() { return scanRequest; }
    public boolean isPaused() { return paused; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public String getChangedBy() { return changedBy; }
    public Instant getChangedAt() { return changedAt; }
    public Instant getNextRunAt() { return nextRunAt; }
    public Instant getLastRunAt() { return lastRunAt; }
    public Long getLastScanId() { return lastScanId; }
    public RunOutcome getLastOutcome() { return lastOutcome; }
    public String getLastNote() { return lastNote; }
}
