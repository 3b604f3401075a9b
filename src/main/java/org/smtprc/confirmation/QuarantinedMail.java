package org.smtprc.confirmation;

import jakarta.persistence.*;

import java.time.Instant;

/**
 * Mail that reached the probe mailbox but proves nothing (no token, a forged one, an unknown scan, a bounce). A
 * bounce whose token names a test keeps that claim, so the host's evidence can mention it ({@code noted}).
 * Envelope, reason and headers come from strangers: each is cut to its column, with a note of how much was cut.
 */
@Entity
@Table(name = "quarantined_mail", indexes = @Index(name = "quarantined_mail_received", columnList = "received_at"))
public class QuarantinedMail {

    static final int PEER_LIMIT = 128;
    static final int MAIL_FROM_LIMIT = 512;
    static final int REASON_LIMIT = 1_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quarantined_mail_seq")
    @SequenceGenerator(name = "quarantined_mail_seq", sequenceName = "quarantined_mail_seq", allocationSize = 1)
    private Long id;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(length = PEER_LIMIT)
    private String peer;

    @Column(name = "mail_from", length = MAIL_FROM_LIMIT)
    private String mailFrom;

    @Column(nullable = false, length = REASON_LIMIT)
    private String reason;

    @Column(length = Confirmation.HEADERS_LIMIT)
    private String headers;

    @Column(name = "scan_id")
    private Long scanId;

    @Column(length = 64)
    private String address;

    private Integer port;

    @Column(length = 64)
    private String form;

    private Boolean noted;

    protected QuarantinedMail() {
    }

    public QuarantinedMail(Instant receivedAt, String peer, String mailFrom, String reason, String headers) {
        this.receivedAt = receivedAt;
        this.peer = KeptText.cut(peer, PEER_LIMIT, "peer");
        this.mailFrom = KeptText.cut(mailFrom, MAIL_FROM_LIMIT, "MAIL FROM");
        this.reason = KeptText.cut(reason, REASON_LIMIT, "reason");
        this.headers = KeptText.cut(headers, Confirmation.HEADERS_LIMIT, "headers");
    }

    /** Returned mail whose token names a scan's test. */
    static QuarantinedMail bounce(Instant receivedAt, String peer, String mailFrom, String reason, String headers,
                                  long scanId, String address, int port, String form) {
        QuarantinedMail mail = new QuarantinedMail(receivedAt, peer, mailFrom, reason, headers);
        mail.scanId = scanId;
        mail.address = address;
        mail.port = port;
        mail.form = form;
        mail.noted = false;
        return mail;
    }

    void markNoted() {
        noted = true;
    }

    public Long getId() { return id; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getPeer() { return peer; }
    public String getMailFrom() { return mailFrom; }
    public String getReason() { return reason; }
    public String getHeaders() { return headers; }
    public Long getScanId() { return scanId; }
    public String getAddress() { return address; }
    public Integer getPort() { return port; }
    public String getForm() { return form; }
}
