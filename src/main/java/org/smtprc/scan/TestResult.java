package org.smtprc.scan;

import jakarta.persistence.*;
import org.smtprc.probe.TestOutcome;

import java.time.Instant;

/** One relay test (one envelope form) against one host: what was sent, what came back, and any proof. */
@Entity
@Table(name = "test_result",
        // PostgreSQL does not index a foreign key by itself; the ledger and the API find a host's tests by it
        indexes = @Index(name = "test_result_host", columnList = "host_id"))
public class TestResult {

    public static final int TRANSCRIPT_LIMIT = 16_000;
    public static final int ENVELOPE_LIMIT = 512;
    public static final int HEADERS_LIMIT = 32_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "test_result_seq")
    @SequenceGenerator(name = "test_result_seq", sequenceName = "test_result_seq", allocationSize = 200)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "host_id")
    private HostResult host;

    @Column(nullable = false)
    private int ordinal;

    @Column(nullable = false, length = 64)
    private String form;

    @Column(name = "mail_from", length = ENVELOPE_LIMIT)
    private String mailFrom;

    @Column(name = "rcpt_to", length = ENVELOPE_LIMIT)
    private String rcptTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private TestOutcome outcome;

    /** Bounded text, not a large object: large objects cost the database far more per row (measured). */
    @Column(length = TRANSCRIPT_LIMIT)
    private String transcript;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "anonymous_relay")
    private Boolean anonymous;

    @Column(name = "anonymity_reasoning", length = 2_000)
    private String anonymityReasoning;

    @Lob
    @Column(name = "received_headers")
    private String receivedHeaders;

    protected TestResult() {
    }

    public TestResult(int ordinal, String form, String mailFrom, String rcptTo, TestOutcome outcome,
                      String transcript, long durationMs) {
        this.ordinal = ordinal;
        this.form = form;
        this.mailFrom = Bounded.text(mailFrom, ENVELOPE_LIMIT);
        this.rcptTo = Bounded.text(rcptTo, ENVELOPE_LIMIT);
        this.outcome = outcome;
        this.transcript = Bounded.text(transcript, TRANSCRIPT_LIMIT);
        this.durationMs = durationMs;
    }

    void attachTo(HostResult owner) {
        this.host = owner;
    }

    public Long getId() { return id; }
    public HostResult getHost() { return host; }
    public int getOrdinal() { return ordinal; }
    public String getForm() { return form; }
    public String getMailFrom() { return mailFrom; }
    public String getRcptTo() { return rcptTo; }
    public TestOutcome getOutcome() { return outcome; }
    public String getTranscript() { return transcript; }
    public long getDurationMs() { return durationMs; }
    public Instant getConfirmedAt() { return confirmedAt; }
    public Boolean getAnonymous() { return anonymous; }
    public String getAnonymityReasoning() { return anonymityReasoning; }
    public String getReceivedHeaders() { return receivedHeaders; }

    /** Proof arrived: the probe message of this test came back through the relay. The first arrival counts. */
    public boolean confirm(Instant at, String headers, boolean anonymousRelay, String reasoning) {
        if (confirmedAt != null) {
            return false;
        }
        confirmedAt = at;
        receivedHeaders = Bounded.text(headers, HEADERS_LIMIT);
        anonymous = anonymousRelay;
        anonymityReasoning = Bounded.text(reasoning, 2_000);
        return true;
    }
}
