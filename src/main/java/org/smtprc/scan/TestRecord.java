package org.smtprc.scan;

import org.smtprc.probe.TestOutcome;

import java.time.Instant;

/**
 * One relay test (one envelope form) against one host: what was sent, what came back, and any proof. Stored with
 * its host, in the host's row ({@link TestRecordCodec}): one row per host instead of one per test took the
 * database's share of a scan's CPU from about half to a fraction (measured with the benchmark).
 */
public final class TestRecord {

    public static final int TRANSCRIPT_LIMIT = 16_000;
    public static final int ENVELOPE_LIMIT = 512;
    public static final int HEADERS_LIMIT = 32_000;
    public static final int REASONING_LIMIT = 2_000;

    private final int ordinal;
    private final String form;
    private final String mailFrom;
    private final String rcptTo;
    private final TestOutcome outcome;
    private final String transcript;
    private final long durationMs;
    private Instant confirmedAt;
    private Boolean anonymous;
    private String anonymityReasoning;
    private String receivedHeaders;

    public TestRecord(int ordinal, String form, String mailFrom, String rcptTo, TestOutcome outcome,
                      String transcript, long durationMs) {
        this.ordinal = ordinal;
        this.form = form;
        this.mailFrom = Bounded.text(mailFrom, ENVELOPE_LIMIT);
        this.rcptTo = Bounded.text(rcptTo, ENVELOPE_LIMIT);
        this.outcome = outcome;
        this.transcript = Bounded.text(transcript, TRANSCRIPT_LIMIT);
        this.durationMs = durationMs;
    }

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
    boolean confirm(Instant at, String headers, Boolean anonymousRelay, String reasoning) {
        if (confirmedAt != null) {
            return false;
        }
        confirmedAt = at;
        receivedHeaders = Bounded.text(headers, HEADERS_LIMIT);
        anonymous = anonymousRelay;
        anonymityReasoning = Bounded.text(reasoning, REASONING_LIMIT);
        return true;
    }
}
