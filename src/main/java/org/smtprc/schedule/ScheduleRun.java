package org.smtprc.schedule;

import jakarta.persistence.*;
import org.smtprc.scan.Bounded;

import java.time.Instant;

/** One firing of a schedule: the scan it started, or why it started none. The newest few are kept per schedule. */
@Entity
@Table(name = "scan_schedule_run", indexes = @Index(name = "scan_schedule_run_schedule", columnList = "schedule_id"))
public class ScheduleRun {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scan_schedule_run_seq")
    @SequenceGenerator(name = "scan_schedule_run_seq", sequenceName = "scan_schedule_run_seq", allocationSize = 1)
    private Long id;

    @Column(name = "schedule_id", nullable = false)
    private long scheduleId;

    @Column(nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private RunOutcome outcome;

    /** The scan started, or for a skipped run the scan still active. */
    @Column(name = "scan_id")
    private Long scanId;

    @Column(name = "catch_up", nullable = false)
    private boolean catchUp;

    @Column(length = 1000)
    private String note;

    protected ScheduleRun() {
    }

    public ScheduleRun(long scheduleId, Instant at, RunOutcome outcome, Long scanId, boolean catchUp, String note) {
        this.scheduleId = scheduleId;
        this.at = at;
        this.outcome = outcome;
        this.scanId = scanId;
        this.catchUp = catchUp;
        this.note = Bounded.text(note, 1000);
    }

    public Long getId() { return id; }
    public long getScheduleId() { return scheduleId; }
    public Instant getAt() { return at; }
    public RunOutcome getOutcome() { return outcome; }
    public Long getScanId() { return scanId; }
    public boolean isCatchUp() { return catchUp; }
    public String getNote() { return note; }
}
