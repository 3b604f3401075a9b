package org.smtprc.audit;

import jakarta.persistence.*;

import java.time.Instant;

/** One operator action. Kept on its own (no link to the scan's rows), so it outlives purged scans. */
@Entity
@Table(name = "audit_entry", indexes = @Index(name = "audit_entry_at", columnList = "at"))
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(name = "from_address", length = 64)
    private String fromAddress;

    @Column(nullable = false, length = 32)
    private String action;

    @Column(name = "scan_id")
    private Long scanId;

    @Column(length = 4_000)
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, Actor actor, String action, Long scanId, String detail) {
        this.at = at;
        this.actor = actor.name();
        this.fromAddress = actor.address();
        this.action = action;
        this.scanId = scanId;
        this.detail = detail == null || detail.length() <= 4_000 ? detail : detail.substring(0, 3_990) + "…";
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public String getFromAddress() { return fromAddress; }
    public String getAction() { return action; }
    public Long getScanId() { return scanId; }
    public String getDetail() { return detail; }
}
