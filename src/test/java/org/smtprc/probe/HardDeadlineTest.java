package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Endpoint;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

/**
 * Hosts that fight back, each on a real socket of a lab on 127.0.23.0/24: whatever they do, the probe ends within
 * its host's budget plus a second, with a verdict and detail that say what happened and the conversation so far as
 * evidence. The command timeout is longer than the budget, so only the budget can end these conversations; the
 * drips come every 100 ms, far inside any read timeout.
 */
class HardDeadlineTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final long WITHIN_MILLIS = BUDGET.toMillis() + 1_000;
    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(10), BUDGET).build();
    /** More than any loopback send buffer (at most 4 MB here) and the host's small receive buffer take. */
    private static final int LARGE_MESSAGE_BYTES = 12 * 1024 * 1024;

    private static Lab lab;
    private static ProbeEngine engine;

    /** A probe's outcome, and how long the caller waited for it. */
    private record Timed(HostOutcome report, long waitedMillis) {
    }

    @BeforeAll
    static void startLab() {
        lab = Lab.builder().port(0).tarpitDelay(Duration.ofMillis(100)).idleTimeout(Duration.ofSeconds(30))
                .host(address(Personality.TLS_DRIP), Personality.TLS_DRIP)
                .host(address(Personality.DRIP_FOREVER), Personality.DRIP_FOREVER)
                .host(address(Personality.ENDLESS_MULTILINE), Personality.ENDLESS_MULTILINE)
                .host(address(Personality.HUGE_REPLY), Personality.HUGE_REPLY)
                .host(address(Personality.STALL_AFTER_DATA), Personality.STALL_AFTER_DATA)
                .host(address(Personality.NEVER_READS), Personality.NEVER_READS)
                .start();
        engine = new ProbeEngine(16, 1, 16, 0, 8);
    }

    @AfterAll
    static void stopLab() {
        if (engine != null) {
            engine.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String address(Personality personality) {
        return "127.0.23." + (personality.ordinal() + 1);
    }

    private static Timed probe(Personality personality, ProbeSettings settings) throws Exception {
        Endpoint target = new Endpoint(Loopback.ipv4(127, 0, 23, personality.ordinal() + 1), lab.port());
        long start = System.nanoTime();
        HostOutcome report = engine.submit(target, settings).outcome().get(30, TimeUnit.SECONDS);
        return new Timed(report, (System.nanoTime() - start) / 1_000_000);
    }

    private static void endsWithinTheBudget(Timed probe) {
        assertThat(probe.waitedMillis()).as(probe.report().detail()).isLessThan(WITHIN_MILLIS);
        assertThat(probe.report().millis()).as(probe.report().detail()).isLessThan(WITHIN_MILLIS);
    }

    /** A TLS handshake dripped a byte at a time: no socket timeout ever fires, the watchdog ends it. */
    @Test
    void aTlsHandshakeDrippedAByteAtATimeEndsAtTheDeadline() throws Exception {
        Timed probe = probe(Personality.TLS_DRIP, SETTINGS);
        HostOutcome report = probe.report();

        endsWithinTheBudget(probe);
        assertThat(probe.waitedMillis()).as("the handshake held the probe until its deadline")
                .isGreaterThanOrEqualTo(BUDGET.toMillis() - 100);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).isEqualTo(
                "the host time budget of 2,000 ms ran out during the TLS handshake, before the first test");
        assertThat(report.tls()).isFalse();
        assertThat(report.capabilities()).contains("STARTTLS");
        assertThat(report.tests()).hasSize(SETTINGS.forms().size()).allMatch(t -> t.outcome() == TestOutcome.NOT_RUN);
        assertThat(report.tests().getFirst().transcript())
                .contains("S: 220 ", "C: EHLO probe.lab", "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS",
                        "-- the host time budget of 2,000 ms ran out during the TLS handshake",
                        "-- not run: the host time budget");
    }

    @Test
    void aReplyLineThatNeverEndsEndsAtTheDeadlineWithWhatCameOfIt() throws Exception {
        Timed probe = probe(Personality.DRIP_FOREVER, SETTINGS);
        HostOutcome report = probe.report();

        endsWithinTheBudget(probe);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).isEqualTo(
                "the host time budget of 2,000 ms ran out during EHLO, before the first test");
        assertThat(report.tests().getFirst().transcript()).contains("C: EHLO probe.lab",
                "-- the host time budget of 2,000 ms ran out while waiting for a reply, which had begun: '250-"
                        + lab.hostName(address(Personality.DRIP_FOREVER)) + " Hello probe.lab, this line never ends .");
    }

    @Test
    void anEndlessMultiLineReplyIsCutAtTheLineLimit() throws Exception {
        Timed probe = probe(Personality.ENDLESS_MULTILINE, SETTINGS);
        HostOutcome report = probe.report();

        assertThat(probe.waitedMillis()).as(report.detail()).isLessThan(1_000);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).isEqualTo("the conversation broke off during EHLO, before the first test: "
                + "malformed reply: reply has more than 100 lines");
        assertThat(report.tests().getFirst().transcript()).contains("C: EHLO probe.lab",
                "-- reply has more than 100 lines");
    }

    @Test
    void aOneMegabyteReplyIsReadAndCutToItsLineLimit() throws Exception {
        Timed probe = probe(Personality.HUGE_REPLY, SETTINGS);
        HostOutcome report = probe.report();
        HostConversation.Limits limits = HostConversation.Limits.defaults();

        endsWithinTheBudget(probe);
        assertThat(report.verdict()).as(report.detail()).isEqualTo(Verdict.SECURED);
        assertThat(report.detail()).startsWith("refused all 6 relay tests (550 5.7.1 <relaytest@probe.lab>")
                .hasSizeLessThanOrEqualTo(limits.maxDetailChars() + ProbeText.CUT.length());
        assertThat(report.tests()).allSatisfy(test -> assertThat(test.transcript())
                .contains(ReplyReader.TRUNCATION_MARK).hasSizeLessThanOrEqualTo(limits.maxTranscriptChars()));
    }

    @Test
    void aServerThatNeverAnswersTheEndOfDataIsLeftAtTheDeadline() throws Exception {
        Timed probe = probe(Personality.STALL_AFTER_DATA, SETTINGS);
        HostOutcome report = probe.report();

        endsWithinTheBudget(probe);
        assertThat(report.verdict()).as(report.detail()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(report.detail()).startsWith("accepted relay test 'plain'")
                .endsWith("; then host time budget of 2,000 ms ran out after 6 of 6 tests, while a probe message was sent");
        assertThat(report.tests().getFirst().transcript()).contains("C: DATA", "C: <message,",
                "-- the host time budget of 2,000 ms ran out while waiting for a reply",
                "-- the probe message's transaction broke off (host time budget used up)");
    }

    /** Our write blocks once the host stops reading; no socket timeout bounds a write, the watchdog does. */
    @Test
    void aServerThatStopsReadingCannotHoldAWriteBeyondTheDeadline() throws Exception {
        String message = "Subject: large\r\n\r\n" + ("x".repeat(998) + "\r\n").repeat(LARGE_MESSAGE_BYTES / 1_000);
        Timed probe = probe(Personality.NEVER_READS,
                TestProbeSettings.from(SETTINGS).composer(context -> message).build());
        HostOutcome report = probe.report();

        endsWithinTheBudget(probe);
        assertThat(report.verdict()).as(report.detail()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(report.tests().getFirst().transcript()).contains("C: <message,")
                .containsPattern("-- the host time budget of 2,000 ms ran out while sending: [0-9,]+ of "
                        + String.format(Locale.ROOT, "%,d", message.length()) + " bytes written");
    }
}
