package org.smtprc.probe;

import static org.smtprc.probe.ProbeText.bounded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.smtprc.addresses.Endpoint;
import org.smtprc.probe.SessionOpener.Failed;
import org.smtprc.probe.SessionOpener.Opened;
import org.smtprc.probe.SessionOpener.Opening;

/**
 * One probe: the conversation with one endpoint that runs the relay-test battery and ends in a {@link HostOutcome}.
 *
 * <ol>
 *   <li>Connect ({@link SessionOpener}); refused or unanswered, the probe ends here.</li>
 *   <li>Read the greeting; none, junk, 4xx or 5xx ends the probe with its verdict.</li>
 *   <li>EHLO, or HELO when EHLO is refused.</li>
 *   <li>STARTTLS when offered, then EHLO again; a failed handshake means a new connection without TLS.</li>
 *   <li>The screened battery ({@link BatteryRun}, {@link TestExchange}): each form's (RSET,) MAIL and RCPT,
 *       pipelined in groups when the server offers PIPELINING, else one by one; each reply judged
 *       ({@link ReplyJudge}). After {@link Limits#testsPerSession()} tests, QUIT and a new session (steps 1-4)
 *       for the next ones, so the server's error limits do not end the battery. A 421 or a dropped connection
 *       means a reconnect (steps 1-4 again, at most {@link Limits#maxReconnects()}) and the interrupted test
 *       once more.</li>
 *   <li>DATA and the probe message for the first accepted form (the next accepted form when it is refused; every
 *       accepted form with {@link ProbeSettings#messagePerForm()}; never in RCPT-only mode).</li>
 *   <li>QUIT; the verdict is concluded from the judged tests ({@link Conclusion}).</li>
 * </ol>
 *
 * <p>The host's time budget ({@link ProbeSettings#hostBudget()}) is a hard deadline: it bounds every wait of every
 * step, reconnects included, and when it passes the {@link Watchdog} closes the connection, so that neither a TLS
 * handshake dripped a byte at a time nor a write to a server that stopped reading outlasts it. The tests not yet run
 * are then recorded as such, and what was said so far is the evidence. {@link #stop()} ends a probe sooner the same
 * way. Blocking socket code, meant to run on a virtual thread ({@link ProbeEngine} runs probes). It never throws for
 * network conditions: whatever the host does, the outcome's verdict and one-line detail say what happened.
 */
public final class HostConversation {

    /**
     * Bounds on one conversation, so that a hostile or broken server costs bounded time and memory.
     *
     * @param maxReconnects      new connections after the server dropped or closed one mid-battery
     * @param testsPerSession    relay tests run in one session at most; the next ones get a new session (not a
     *                           reconnect). Mail servers end a session after so many errors (Postfix: 20, and it
     *                           stalls each reply by a second after 10) and a refused test is one error (a refused
     *                           MAIL whose pipelined RCPT draws a 503, two), so 8 stays clear of those limits
     * @param maxTranscriptChars evidence kept per relay test
     * @param maxBannerChars     banner and capability text kept per host
     * @param maxDetailChars     length of an outcome's one-line detail
     * @param maxReplyLineLength characters kept of one reply line
     * @param maxReplyLines      lines of one reply before it counts as malformed
     * @param quitWait           how long to wait for the reply to QUIT (never longer than the command timeout)
     */
    public record Limits(int maxReconnects, int testsPerSession, int maxTranscriptChars, int maxBannerChars,
                         int maxDetailChars, int maxReplyLineLength, int maxReplyLines, Duration quitWait) {

        public static Limits defaults() {
            return new Limits(2, 8, 8_192, 1_024, 300, 2_048, 100, Duration.ofSeconds(2));
        }

        public Limits withTestsPerSession(int tests) {
            return new Limits(maxReconnects, tests, maxTranscriptChars, maxBannerChars, maxDetailChars,
                    maxReplyLineLength, maxReplyLines, quitWait);
        }

        public Limits {
            if (maxReconnects < 0 || testsPerSession < 1) {
                throw new IllegalArgumentException("probe limits: " + maxReconnects + " reconnects (at least 0) and "
                        + testsPerSession + " tests per session (at least 1) make no probe");
            }
        }
    }

    private final Endpoint target;
    private final ProbeSettings settings;
    private final Limits limits;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Deadline deadline;
    private final SessionOpener opener;

    /** The host's budget starts now; {@code watchdog} holds it. */
    HostConversation(Endpoint target, ProbeSettings settings, Limits limits, Watchdog watchdog) {
        this.target = target;
        this.settings = settings;
        this.limits = limits;
        this.deadline = new Deadline(settings.hostBudget(), watchdog);
        this.opener = new SessionOpener(target, settings, limits, deadline);
    }

    /** Runs the probe; call once. */
    HostOutcome run() {
        try {
            Opening opening = opener.open();
            if (opening instanceof Failed failed) {
                List<JudgedTest> notRun = failed.evidence() == null ? List.of()
                        : BatteryRun.notRun(settings.forms(), opener.macros(), failed.detail(), failed.evidence());
                return outcome(new Conclusion(failed.verdict(), failed.detail()), notRun);
            }
            TestExchange exchange = new TestExchange(target, settings, limits, opener);
            BatteryRun.Result battery = new BatteryRun(settings, limits, deadline, opener, exchange)
                    .run(((Opened) opening).connection());
            return outcome(Conclusion.from(battery.judged(), battery.stop(), opener.tls(), opener.tlsFailure(),
                    opener.macros()), battery.judged());
        } finally {
            deadline.release();
        }
    }

    /**
     * Ends the probe now, from any thread: its connection is closed, and {@link #run()} returns an inconclusive
     * outcome that says the probe was stopped.
     */
    void stop() {
        deadline.stop();
    }

    /** When the host's time budget ends, in {@link System#nanoTime()}. */
    long deadlineNanos() {
        return deadline.endNanos();
    }

    private HostOutcome outcome(Conclusion conclusion, List<JudgedTest> judged) {
        List<TestResult> tests = judged.stream().map(JudgedTest::result).toList();
        Capabilities capabilities = opener.capabilities();
        return new HostOutcome(target, conclusion.verdict(), opener.banner(),
                capabilities == null ? "" : bounded(capabilities.describe(), limits.maxBannerChars()), opener.tls(),
                bounded(conclusion.detail().replace('\n', ' '), limits.maxDetailChars()), tests, started,
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
