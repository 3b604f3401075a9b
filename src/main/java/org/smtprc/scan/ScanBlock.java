package org.smtprc.scan;

import java.time.Instant;

import jakarta.persistence.*;

/**
 * One partition's slice of a scan's endpoint space, [start, end). {@code nextIndex} and the counters are
 * written in the same transaction as the outcomes they cover, so after a crash the block resumes exactly
 * where its last committed chunk ended, whatever the batch checkpoint says.
 */
@Entity
@Table(name = "scan_block", uniqueConstraints = @UniqueConstraint(columnNames = {"scan_id", "block_number"}))
public class ScanBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scan_block_seq")
    @SequenceGenerator(name = "scan_block_seq", sequenceName = "scan_block_seq", allocationSize = 20)
    private Long id;

    @Column(name = "scan_id", nullable = false)
    private long scanId;

    @Column(name = "block_number", nullable = false)
    private int number;

    @Column(name = "start_index", nullable = false)
    private long start;

    @Column(name = "end_index", nullable = false)
    private long end;

    @Column(name = "next_index", nullable = false)
    private long nextIndex;

    @Column(name = "refused_count", nullable = false)
    private long refused;

    @Column(name = "unreachable_count", nullable = false)
    private long unreachable;

    @Column(name = "run_count", nullable = false)
    private int runs;

    /** In a cluster: the node that took the block, and the block's own job execution there. */
    @Column(name = "node_name", length = 64)
    private String node;

    @Column(name = "execution_id")
    private Long executionId;

    /** When the block was planned, or last put on the cluster's block queue. */
    @Column(name = "handed_out_at")
    private Instant handedOutAt;

    protected ScanBlock() {
    }

    public ScanBlock(long scanId, int number, long start, long end) {
        this.scanId = scanId;
        this.number = number;
        this.start = start;
        this.end = end;
        this.nextIndex = start;
        this.handedOutAt = Instant.now();
    }

    public long getScanId() { return scanId; }
    public int getNumber() { return number; }
    public long getStart() { return start; }
    public long getEnd() { return end; }
    public long getNextIndex() { return nextIndex; }
    public long getRefused() { return refused; }
    public long getUnreachable() { return unreachable; }
    public int getRuns() { return runs; }
    public String getNode() { return node; }
    public Long getExecutionId() { return executionId; }
    public Instant getHandedOutAt() { return handedOutAt; }

    public boolean isDone() {
        return nextIndex >= end;
    }

    /** Records that a partition execution opened this block (how often a block was run is restart evidence). */
    public void opened() {
        runs++;
    }

    public void advance(long next, long refusedMore, long unreachableMore) {
        if (next > nextIndex) {
            nextIndex = next;
        }
        refused += refusedMore;
        unreachable += unreachableMore;
    }
}
