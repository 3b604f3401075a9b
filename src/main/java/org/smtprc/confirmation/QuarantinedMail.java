package org.smtprc.confirmation;

import jakarta.persistence.*;

import java.time.Instant;

/** Mail that reached the probe mailbox but proves nothing (no token, a forged one, an unknown scan). */
@Entity
@Table(name = "quarantined_mail")
public class QuarantinedMail {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quarantined_mail_seq")
    @SequenceGenerator(name = "quarantined_mail_seq", sequenceName = "quarantined_mail_seq", allocationSize = 1)
    private Long id;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(length = 128)
    private String peer;

    @Column(name = "mail_from", length = 512)
    private String mailFrom;

    @Column(nullable = false, length = 1_000)
    private String reason;

    @Column(length = Confirmation.HEADERS_LIMIT)
    private String headers;

    protected QuarantinedMail() {
    }

    public QuarantinedMail(Instant receivedAt, String peer, String mailFrom, String reason, String headers) {
        this.receivedAt = receivedAt;
        this.peer = peer;
        this.mailFrom = mailFrom;
        this.reason = reason;
        this.headers = headers;
    }

    public Long getId() { return id; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getPeer() { return peer; }
    public String getMailFrom() { return mailFrom; }
    public String getReason() { return reason; }
    public String getHeaders() { return headers; }
}
