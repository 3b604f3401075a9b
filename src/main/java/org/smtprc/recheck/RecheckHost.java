package org.smtprc.recheck;

import jakarta.persistence.*;
import org.smtprc.probe.Verdict;

import java.time.Instant;

/**
 * One relaying host of the scan re-checked and what its re-check found. Written when the re-check scan starts
 * (outcome still null) and judged when it completes.
 */
@Entity
@Table(name = "recheck_host", indexes = {
        @Index(name = "recheck_host_recheck", columnList = "recheck_id"),
        @Index(name = "recheck_host_outcome", columnList = "outcome"),
        @Index(name = "recheck_host_address", columnList = "address")})
public class RecheckHost {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recheck_host_seq")
    @SequenceGenerator(name = "recheck_host_seq", sequenceName = "recheck_host_seq", allocationSize = 50)
    private Long id;

    @Column(name = "recheck_id", nullable = false)
    private long recheckId;

    /** The {@code HostRecord} of the scan re-checked. */
    @Column(name = "original_host_id", nullable = false)
    private long originalHostId;

    /** The {@code HostRecord} of the re-check scan; null when it has none for this endpoint. */
    @Column(name = "recheck_host_id")
    private Long recheckHostId;

    @Column(nullable = false, length = 64)
    private String address;

    @Column(nullable = false)
    private int port;

    @Enumerated(EnumType.STRING)
    @Column(name = "original_verdict", nullable = false, length = 32, columnDefinition = "varchar(32)")
    private Verdict originalVerdict;

    @Enumerated(EnumType.STRING)
    @Column(name = "recheck_verdict", length = 32, columnDefinition = "varchar(32)")
    private Verdict recheckVerdict;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, columnDefinition = "varchar(16)")
    private RecheckOutcome outcome;

    @Column(name = "judged_at")
    private Instant judgedAt;

    protected RecheckHost() {
    }

    public RecheckHost(long recheckId, long originalHostId, String address, int port, Verdict originalVerdict) {
        this.recheckId = recheckId;
        this.originalHostId = originalHostId;
        this.address = address;
        this.port = port;
        this.originalVerdict = originalVerdict;
    }

    public Long getId() { return id; }
    public long getRecheckId() { return recheckId; }
    public long getOriginalHostId() { return originalHostId; }
    public Long getRecheckHostId() { return recheckHostId; }
    public String getAddress() { return address; }
    public int getPort() { return port; }
    public Verdict getOriginalVerdict() { return originalVerdict; }
    public Verdict getRecheckVerdict() { return recheckVerdict; }
    public RecheckOutcome getOutcome() { return outcome; }
    public Instant getJudgedAt() { return judgedAt; }

    /** Still relaying: the operator should act (the owner is sent an escalation notice). */
    public boolean isFlagged() { return outcome == RecheckOutcome.STILL_RELAYING; }

    void judged(Long recheckHostId, Verdict recheckVerdict, Instant at) {
        this.recheckHostId = recheckHostId;
        this.recheckVerdict = recheckVerdict;
        this.outcome = RecheckOutcome.judge(originalVerdict, recheckVerdict);
        this.judgedAt = at;
    }
}
