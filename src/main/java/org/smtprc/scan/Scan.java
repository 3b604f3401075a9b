package org.smtprc.scan;

import jakarta.persistence.*;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.List;

/**
 * What an operator asked for: targets, ports, battery profile and options. Its job executions come and go.
 *
 * <p>Updated with only the columns a transaction changed ({@link DynamicUpdate}): many parties write this row at
 * once (the REST API, the job's listener and steps, the ledger), and a benchmark run caught a scan whose
 * {@code probing_started_at} and {@code scanned_from} had been put back to null by a transaction that wrote the
 * whole row from an older read.
 */
@Entity
@DynamicUpdate
@Table(name = "scan")
public class Scan {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scan_seq")
    @SequenceGenerator(name = "scan_seq", sequenceName = "scan_seq", allocationSize = 1)
    private Long id;

    @Lob
    @Column(nullable = false)
    private String targets;

    @Lob
    private String excludes;

    @Column(nullable = false, length = 1000)
    private String ports;

    @Column(nullable = false, length = 64)
    private String profile;

    /** Plain text, not H2's ENUM type: see the note on {@code HostRecord.verdict}. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private ScanStatus status = ScanStatus.CREATED;

    @Column(name = "endpoint_total", nullable = false)
    private long endpointTotal;

    @Column(name = "address_total", nullable = false)
    private long addressTotal;

    @Column(name = "execution_id")
    private Long executionId;

    /** The node (WildFly's jboss.node.name) whose job execution {@link #executionId} is: in a cluster, its own. */
    @Column(name = "node_name", length = 64)
    private String node;

    @Embedded
    private ScanOptions options;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "probing_started_at")
    private Instant probingStartedAt;

    @Column(name = "probing_ended_at")
    private Instant probingEndedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The source address our probes came from: a verdict depends on where the test came from. */
    @Column(name = "scanned_from", length = 64)
    private String scannedFrom;

    @Column(name = "status_detail", length = 1000)
    private String statusDetail;

    /** Special addresses (0.0.0.0/8, multicast, ...) the targets covered but did not name: left out; null if none. */
    @Column(name = "skipped_special", length = 1000)
    private String skippedSpecial;

    /** The scanner's own receiver addresses the targets named on their own: only those of its endpoints are probed. */
    @Lob
    @Column(name = "own_receiver_named")
    private String ownReceiverNamed;

    /** The schedule that started this scan; null when an operator started it. */
    @Column(name = "schedule_id")
    private Long scheduleId;

    /** The scan whose relays this scan re-checks; null for an ordinary scan. */
    @Column(name = "recheck_of")
    private Long recheckOf;

    /**
     * Battery forms tried before the rest of the profile, comma-separated: those the hosts of the scan it re-checks
     * accepted; null for an ordinary scan.
     */
    @Lob
    @Column(name = "forms_first")
    private String formsFirst;

    protected Scan() {
    }

    public Scan(String targets, String excludes, String ports, String profile, long addressTotal, long endpointTotal,
                ScanOptions options, Instant createdAt) {
        this.targets = targets;
        this.excludes = excludes;
        this.ports = ports;
        this.profile = profile;
        this.addressTotal = addressTotal;
        this.endpointTotal = endpointTotal;
        this.options = options;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getTargets() { return targets; }
    public String getExcludes() { return excludes == null ? "" : excludes; }
    public String getPorts() { return ports; }
    public String getProfile() { return profile; }
    public ScanStatus getStatus() { return status; }
    public long getEndpointTotal() { return endpointTotal; }
    public long getAddressTotal() { return addressTotal; }
    public Long getExecutionId() { return executionId; }
    public String getNode() { return node; }
    public ScanOptions getOptions() { return options; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getProbingStartedAt() { return probingStartedAt; }
    public Instant getProbingEndedAt() { return probingEndedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getScannedFrom() { return scannedFrom; }
    public String getStatusDetail() { return statusDetail; }
    public String getSkippedSpecial() { return skippedSpecial; }
    public String getOwnReceiverNamed() { return ownReceiverNamed == null ? "" : ownReceiverNamed; }

    public Long getScheduleId() { return scheduleId; }
    public Long getRecheckOf() { return recheckOf; }
    public List<String> getFormsFirst() {
        return formsFirst == null || formsFirst.isEmpty() ? List.of() : List.of(formsFirst.split(","));
    }

    /** Who started the scan: an operator, a schedule, or a re-check of another scan. */
    public void startedBy(ScanOrigin origin) {
        this.scheduleId = origin.scheduleId();
        this.recheckOf = origin.recheckOf();
        this.formsFirst = origin.formsFirst().isEmpty() ? null : String.join(",", origin.formsFirst());
    }

    public void setExecutionId(Long executionId) { this.executionId = executionId; }
    public void setScannedFrom(String scannedFrom) { this.scannedFrom = scannedFrom; }

    /** What the targets' special and own addresses came to: {@link #getSkippedSpecial}, {@link #getOwnReceiverNamed}. */
    public void spare(String skippedSpecial, String ownReceiverNamed) {
        this.skippedSpecial = skippedSpecial == null || skippedSpecial.isEmpty() ? null
                : Bounded.text(skippedSpecial, 1000);
        this.ownReceiverNamed = ownReceiverNamed;
    }

    public void moveTo(ScanStatus next, String detail) {
        this.status = next;
        this.statusDetail = detail;
    }

    public void probingStarted(Instant at) {
        if (probingStartedAt == null) {
            probingStartedAt = at;
        }
        status = ScanStatus.PROBING;
        finishedAt = null;
        statusDetail = null;
    }

    public void probingEnded(Instant at) {
        probingEndedAt = at;
        status = ScanStatus.CONFIRMING;
    }

    /**
     * In a cluster: every block is done and the scan's last part is to run on this node, whichever node planned it
     * (that one may be dead: a live node must not take the scan for abandoned while the last part's job starts).
     */
    public void blocksEnded(Instant at, String lastPartNode) {
        probingEnded(at);
        node = lastPartNode;
    }

    public void finished(ScanStatus end, Instant at, String detail) {
        status = end;
        finishedAt = at;
        statusDetail = detail;
    }
}
