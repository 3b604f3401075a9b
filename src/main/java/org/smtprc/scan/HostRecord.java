package org.smtprc.scan;

import jakarta.persistence.*;
import org.smtprc.probe.TestOutcome;
import org.smtprc.probe.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The outcome for one host and port of a scan: its verdict and the evidence behind it. One row per endpoint. */
@Entity
@Table(name = "host_result",
        uniqueConstraints = @UniqueConstraint(columnNames = {"scan_id", "address", "port"}),
        indexes = {@Index(name = "host_result_scan_verdict", columnList = "scan_id, verdict"),
                // a diff reads a scan in endpoint order; a host's history reads one address across scans
                @Index(name = "host_result_scan_endpoint", columnList = "scan_id, endpoint_index"),
                @Index(name = "host_result_address", columnList = "address")})
public class HostRecord {

    public static final int BANNER_LIMIT = 1_000;
    public static final int CAPABILITIES_LIMIT = 2_000;
    public static final int DETAIL_LIMIT = 1_000;
    /**
     * Bytes for a host's tests, compressed: room for a full battery's transcripts and confirmations' headers;
     * longer transcripts are cut to fit.
     */
    public static final int TESTS_LIMIT = 1_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "host_result_seq")
    @SequenceGenerator(name = "host_result_seq", sequenceName = "host_result_seq", allocationSize = 50)
    private Long id;

    @Column(name = "scan_id", nullable = false)
    private long scanId;

    @Column(name = "endpoint_index", nullable = false)
    private long endpointIndex;

    @Column(nullable = false, length = 64)
    private String address;

    @Column(nullable = false)
    private int port;

    /**
     * Plain text, not the ENUM type Hibernate would choose on H2: after H2 reopened a database left by a killed
     * server, comparing such a column with a bound parameter failed ("Data conversion error converting CHARACTER
     * VARYING to DECFLOAT", seen in the crash drill).
     */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32, columnDefinition = "varchar(32)")
    private Verdict verdict;

    @Column(length = BANNER_LIMIT)
    private String banner;

    @Column(length = CAPABILITIES_LIMIT)
    private String capabilities;

    @Column(nullable = false)
    private boolean tls;

    @Column(length = DETAIL_LIMIT)
    private String detail;

    @Column(name = "probed_at", nullable = false)
    private Instant probedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    /** Some test was deferred with a 4xx (greylisting); null in rows written before this column existed. */
    @Column(name = "deferred")
    private Boolean deferred;

    /** The tests, packed by {@link TestRecordCodec}: one row per host, whatever the size of the battery. */
    @Column(name = "tests", length = TESTS_LIMIT)
    private byte[] tests;

    @Transient
    private List<TestRecord> decoded;

    protected HostRecord() {
    }

    public HostRecord(long scanId, long endpointIndex, String address, int port) {
        this.scanId = scanId;
        this.endpointIndex = endpointIndex;
        this.address = address;
        this.port = port;
    }

    public Long getId() { return id; }
    public long getScanId() { return scanId; }
    public long getEndpointIndex() { return endpointIndex; }
    public String getAddress() { return address; }
    public int getPort() { return port; }
    public Verdict getVerdict() { return verdict; }
    public String getBanner() { return banner; }
    public String getCapabilities() { return capabilities; }
    public boolean isTls() { return tls; }
    public String getDetail() { return detail; }
    public Instant getProbedAt() { return probedAt; }
    public long getDurationMs() { return durationMs; }
    public Instant getConfirmedAt() { return confirmedAt; }
    /** The tests in the order they ran. */
    public List<TestRecord> getTests() {
        if (decoded == null) {
            decoded = TestRecordCodec.unpack(tests);
        }
        return Collections.unmodifiableList(decoded);
    }

    /** What the probe found. Written once: a block's position guarantees an endpoint is never probed twice. */
    public void recordProbe(Verdict verdict, String banner, String capabilities, boolean tls, String detail,
                            Instant probedAt, long durationMs, List<TestRecord> newTests) {
        this.verdict = verdict;
        this.banner = Bounded.text(banner, BANNER_LIMIT);
        this.capabilities = Bounded.text(capabilities, CAPABILITIES_LIMIT);
        this.tls = tls;
        this.detail = Bounded.text(detail, DETAIL_LIMIT);
        this.probedAt = probedAt;
        this.durationMs = durationMs;
        this.decoded = new ArrayList<>(newTests);
        this.deferred = newTests.stream().anyMatch(t -> t.getOutcome() == TestOutcome.TEMPFAIL);
        this.tests = TestRecordCodec.pack(decoded, TESTS_LIMIT);
    }

    /** A second attempt (after greylisting) replaces the first one's findings. */
    public void reprobed(Verdict verdict, String banner, String capabilities, boolean tls, String detail,
                         Instant probedAt, long durationMs, List<TestRecord> newTests) {
        confirmedAt = null;
        recordProbe(verdict, banner, capabilities, tls, detail, probedAt, durationMs, newTests);
    }

    /**
     * The probe message of the named test came back: the test records the proof (the first arrival counts) and the
     * host becomes a confirmed or anonymous relay. False when the host has no such test.
     */
    public boolean confirmTest(String form, Instant at, String headers, boolean anonymousRelay, String reasoning) {
        List<TestRecord> all = new ArrayList<>(getTests());
        TestRecord test = all.stream().filter(t -> t.getForm().equals(form)).findFirst().orElse(null);
        if (test == null) {
            return false;
        }
        if (test.confirm(at, headers, anonymousRelay, reasoning)) {
            decoded = all;
            tests = TestRecordCodec.pack(all, TESTS_LIMIT);
        }
        if (verdict == Verdict.ACCEPTS_LOCAL_ONLY) {
            detail = Bounded.text("proven: the probe message of test '" + form + "' came back through it, so it relays"
                    + " recipients that looked like its own mailboxes. Before the proof: " + detail, DETAIL_LIMIT);
        }
        confirm(anonymousRelay ? Verdict.ANONYMOUS_RELAY : Verdict.CONFIRMED_RELAY, at);
        return true;
    }

    /**
     * A bounce of the named test's probe message came back: the server took the message and returned it, which
     * proves no relaying. The verdict stays; its detail says so. False when the host has no such test.
     */
    public boolean noteBounce(String form, Instant at, String peer) {
        if (getTests().stream().noneMatch(t -> t.getForm().equals(form))) {
            return false;
        }
        detail = Bounded.text(detail + " | A bounce of test '" + form + "' came back at " + at + " from " + peer
                + ": the server took the message, then returned it to the sender; a bounce proves no relaying.",
                DETAIL_LIMIT);
        return true;
    }

    private void confirm(Verdict confirmedVerdict, Instant at) {
        if (confirmedAt == null || at.isBefore(confirmedAt)) {
            confirmedAt = at;
        }
        if (verdict != Verdict.ANONYMOUS_RELAY) {
            verdict = confirmedVerdict;
        }
    }
}
