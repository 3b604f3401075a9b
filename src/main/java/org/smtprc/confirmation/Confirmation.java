package org.smtprc.confirmation;

import jakarta.persistence.*;

import java.time.Instant;

/**
 * Proof that one relay test's probe message came back: kept whether or not the host's outcome is already
 * written (relayed mail can overtake the chunk that probed the host), and applied to it as soon as it is.
 */
@Entity
@Table(name = "confirmation",
        uniqueConstraints = @UniqueConstraint(columnNames = {"scan_id", "address", "port", "form"}),
        indexes = @Index(name = "confirmation_pending", columnList = "scan_id, applied"))
public class Confirmation {

    /**
     * Header characters kept as evidence (ConfirmationLedger cuts longer sections): a plain column rather than a
     * large object, which H2 keeps in a store of its own and PostgreSQL outside the row, left behind on delete.
     */
    public static final int HEADERS_LIMIT = 65_536;
    private static final int REASONING_LIMIT = 2_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "confirmation_seq")
    @SequenceGenerator(name = "confirmation_seq", sequenceName = "confirmation_seq", allocationSize = 1)
    private Long id;

    @Column(name = "scan_id", nullable = false)
    private long scanId;

    @Column(nullable = false, length = 64)
    private String address;

    @Column(nullable = false)
    private int port;

    @Column(nullable = false, length = 64)
    private String form;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(length = QuarantinedMail.PEER_LIMIT)
    private String peer;

    @Column(length = HEADERS_LIMIT)
    private String headers;

    @Column(name = "anonymous_relay", nullable = false)
    private boolean anonymous;

    @Column(length = REASONING_LIMIT)
    private String reasoning;

    @Column(nullable = false)
    private boolean applied;

    protected Confirmation() {
    }

    public Confirmation(long scanId, String address, int port, String form, Instant receivedAt, String peer,
                        String headers, boolean anonymous, String reasoning) {
        this.scanId = scanId;
        this.address = address;
        this.port = port;
        this.form = form;
        this.receivedAt = receivedAt;
        this.peer = KeptText.cut(peer, QuarantinedMail.PEER_LIMIT, "peer");
        this.headers = KeptText.cut(headers, HEADERS_LIMIT, "headers");
        this.anonymous = anonymous;
        this.reasoning = KeptText.cut(reasoning, REASONING_LIMIT, "reasoning");
    }

    public long getScanId() { return scanId; }
    public String getAddress() { return address; }
    public int getPort() { return port; }
    public String getForm() { return form; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getPeer() { return peer; }
    public String getHeaders() { return headers; }
    public boolean isAnonymous() { return anonymous; }
    public String getReasoning() { return reasoning; }
    public boolean isApplied() { return applied; }

    public void markApplied() {
        applied = true;
    }
}
