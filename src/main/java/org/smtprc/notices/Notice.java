package org.smtprc.notices;

import jakarta.persistence.*;

import java.time.Instant;

/** One notice as recorded: to whom, about which scan and hosts, what became of it. */
@Entity
@Table(name = "notice", indexes = {@Index(name = "notice_scan", columnList = "scan_id"),
        @Index(name = "notice_about_scan", columnList = "about_scan_id")})
public class Notice {

    static final int REASON_LIMIT = 1_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notice_seq")
    @SequenceGenerator(name = "notice_seq", sequenceName = "notice_seq", allocationSize = 10)
    private Long id;

    /** The scan whose end caused the notice (for FIXED and ESCALATION: the re-check scan). */
    @Column(name = "scan_id", nullable = false)
    private long scanId;

    /** The scan whose findings the notice is about: the same scan, or the one a re-check re-checked. */
    @Column(name = "about_scan_id", nullable = false)
    private long aboutScanId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private NoticeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private NoticeStatus status;

    /** The owner network's CIDR; null for the operator. */
    @Column(name = "owner_network", length = 64)
    private String ownerNetwork;

    @Column(name = "owner_name", length = 200)
    private String ownerName;

    @Column(name = "recipient", nullable = false, length = 254)
    private String recipient;

    @Column(nullable = false, length = 300)
    private String subject;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "message_id", length = 300)
    private String messageId;

    /** address:port of every host the notice names, comma-separated. */
    @Lob
    @Column(nullable = false)
    private String hosts;

    @Column(length = REASON_LIMIT)
    private String reason;

    protected Notice() {
    }

    Notice(long scanId, long aboutScanId, NoticeKind kind, String ownerNetwork, String ownerName, String recipient,
           String subject, String hosts) {
        this.scanId = scanId;
        this.aboutScanId = aboutScanId;
        this.kind = kind;
        this.ownerNetwork = ownerNetwork;
        this.ownerName = ownerName;
        this.recipient = recipient;
        this.subject = subject;
        this.hosts = hosts;
        this.recordedAt = Instant.now();
    }

    void ended(NoticeStatus status, String messageId, String reason) {
        this.status = status;
        this.messageId = messageId;
        this.sentAt = status == NoticeStatus.SENT ? Instant.now() : null;
        this.reason = reason == null || reason.length() <= REASON_LIMIT ? reason
                : reason.substring(0, REASON_LIMIT - 1) + "…";
    }

    public Long getId() { return id; }
    public long getScanId() { return scanId; }
    public long getAboutScanId() { return aboutScanId; }
    public NoticeKind getKind() { return kind; }
    public NoticeStatus getStatus() { return status; }
    public String getOwnerNetwork() { return ownerNetwork; }
    public String getOwnerName() { return ownerName; }
    public String getRecipient() { return recipient; }
    public String getSubject() { return subject; }
    public Instant getRecordedAt() { return recordedAt; }
    public Instant getSentAt() { return sentAt; }
    public String getMessageId() { return messageId; }
    public String getHosts() { return hosts; }
    public String getReason() { return reason; }
}
