package org.smtprc.probe;

import java.time.Duration;
import org.smtprc.addresses.Endpoint;

/**
 * Runs the relay-test battery against one host: connect, greeting, EHLO (HELO fallback), STARTTLS when offered,
 * then per form (RSET,) MAIL, RCPT, (DATA, message), and finally QUIT.
 *
 * <p>Blocking socket code, meant to run on a virtual thread. It never throws for network conditions: whatever
 * the host does, the result is a {@link HostOutcome} whose verdict and one-line detail say what happened.
 */
public final class RelayProbe {

    /**
     * Bounds on one conversation, so that a hostile or broken server costs bounded time and memory.
     *
     * @param maxReconnects      new connections after the server dropped or closed one mid-battery
     * @param maxTranscriptChars evidence kept per relay test
     * @param maxBannerChars     banner and capability text kept per host
     * @param maxDetailChars     length of a report's one-line detail
     * @param maxReplyLineLength characters kept of one reply line
     * @param maxReplyLines      lines of one reply before it counts as malformed
     * @param quitWait           how long to wait for the reply to QUIT (never longer than the command timeout)
     */
    public record Limits(int maxReconnects, int maxTranscriptChars, int maxBannerChars, int maxDetailChars,
                         int maxReplyLineLength, int maxReplyLines, Duration quitWait) {

        public static Limits defaults() {
            return new Limits(2, 8_192, 1_024, 300, 2_048, 100, Duration.ofSeconds(2));
        }
    }

    private final Limits limits;

    public RelayProbe() {
        this(Limits.defaults());
    }

    public RelayProbe(Limits limits) {
        this.limits = limits;
    }

    public HostOutcome probe(Endpoint target, ProbeSettings settings) {
        return new HostConversation(target, settings, limits).run();
    }
}
