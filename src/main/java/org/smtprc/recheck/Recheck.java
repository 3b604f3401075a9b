package org.smtprc.recheck;

import jakarta.persistence.*;
import org.smtprc.probe.Verdict;
import org.smtprc.scan.Bounded;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A re-check of a scan's relays: kept in the database from the moment it is due, so that it survives restarts, and
 * claimed by a conditional update of its state, so that of several servers on one database only one starts it.
 */
@Entity
@Table(name = "recheck", indexes = {
        @Index(name = "recheck_state_due", columnList = "state, due_at"),
        @Index(name = "recheck_original", columnList = "original_scan_id"),
        @Index(name = "recheck_scan", columnList = "recheck_scan_id")})
public class Recheck {

    public static final int DETAIL_LIMIT = 1_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recheck_seq")
    @SequenceGenerator(name = "recheck_seq", sequenceName = "recheck_seq", allocationSize = 1)
    private Long id;

    @Column(name = "original_scan_id", nullable = false)
    private long originalScanId;

    /** The verdicts whose hosts are re-checked, comma-separated names. */
    @Column(nullable = false, length = 200)
    private String verdicts;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    /** Plain text, not H2's ENUM type: see the note on {@code HostRecord.verdict}. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private RecheckState state = RecheckState.PENDING;

    @Column(length = DETAIL_LIMIT)
    private String detail;

    @Column(name = "recheck_scan_id")
    private Long recheckScanId;

    /** Scheduled by the server after the scan completed, or asked for by an operator. */
    @Column(nullable = false)
    private boolean automatic;

    @Column(name = "requested_by", nullable = false, length = 255)
    private String requestedBy;

    @Column(name = "requested_from", length = 64)
    private String requestedFrom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "concluded_at")
    private Instant concludedAt;

    protected Recheck() {
    }

    public Recheck(long originalScanId, Set<Verdict> verdicts, Instant dueAt, boolean automatic, String requestedBy,
                   String requestedFrom, Instant createdAt) {
        this.originalScanId = originalScanId;
        this.verdicts = verdicts.stream().sorted().map(Verdict::name).collect(Collectors.joining(","));
        this.dueAt = dueAt;
        this.automatic = automatic;
        this.requestedBy = Bounded.text(requestedBy, 255);
        this.requestedFrom = Bounded.text(requestedFrom, 64);
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getOriginalScanId() { return originalScanId; }
    public List<Verdict> getVerdicts() { return Arrays.stream(verdicts.split(",")).map(Verdict::valueOf).toList(); }
    public Instant getDueAt() { return dueAt; }
    public RecheckState getState() { return state; }
    public String getDetail() { return detail; }
    public Long getRecheckScanId() { return recheckScanId; }
    public boolean isAutomatic() { return automatic; }
    public String getRequestedBy() { return requestedBy; }
    public String getRequestedFrom() { return requestedFrom; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getConcludedAt() { return concludedAt; }

    void started(long scanId, String note) {
        recheckScanId = scanId;
        detail = Bounded.text(note, DETAIL_LIMIT);
    }

    void failed(String reason, Instant at) {
        state = RecheckState.FAILED;
        detail = Bounded.text(reason, DETAIL_LIMIT);
        concludedAt = at;
    }

    void concluded(String summary) {
        detail = Bounded.text(summary, DETAIL_LIMIT);
    }
}
