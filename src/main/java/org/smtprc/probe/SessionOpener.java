package org.smtprc.probe;

import static org.smtprc.probe.ProbeText.bounded;
import static org.smtprc.probe.ProbeText.describe;
import static org.smtprc.probe.ProbeText.millis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.smtprc.addresses.Endpoint;

/**
 * Opens SMTP sessions with one host, ready for relay tests: connect, read the greeting, EHLO (HELO when EHLO is
 * refused), STARTTLS when offered and EHLO again. A host that cannot be brought that far gets its verdict here. What
 * the host tells about itself (banner, announced name, capabilities, TLS) is kept across the reconnects of one
 * probe: the banner from the first session that greeted (servers such as Postfix behind postscreen greet a
 * client they know again more briefly, and the first greeting is the evidence), the name from the first session
 * that gave one, capabilities from the latest. Every connection, reconnects included, first passes the scope guard.
 * Each session's opening is recorded (greeting, EHLO, STARTTLS, the handshake's end), the evidence of a host whose
 * session broke off, or ran out of time, before the first test.
 */
final class SessionOpener {

    /** How opening a session ended: ready for tests, or a verdict on the host. */
    sealed interface Opening permits Opened, Failed, TlsFailed {
    }

    record Opened(SmtpConnection connection) implements Opening {
    }

    /** @param evidence the session's opening as far as it came, for a failure after the greeting; else null */
    record Failed(Verdict verdict, String detail, String evidence) implements Opening {

        Failed(Verdict verdict, String detail) {
            this(verdict, detail, null);
        }
    }

    /** Our TLS handshake failed; {@link #open()} then opens again without STARTTLS and never returns this. */
    private record TlsFailed() implements Opening {
    }

    private final Endpoint target;
    private final ProbeSettings settings;
    private final HostConversation.Limits limits;
    private final Deadline deadline;

    private String banner = "";
    private Capabilities capabilities;
    private String announcedName;
    private boolean tls;
    private String tlsFailure;
    /** What the latest session's opening is doing, for a detail when it breaks off. */
    private String step;

    SessionOpener(Endpoint target, ProbeSettings settings, HostConversation.Limits limits, Deadline deadline) {
        this.target = target;
        this.settings = settings;
        this.limits = limits;
        this.deadline = deadline;
    }

    /** A new session, {@link Opened} or {@link Failed}; never throws for what the network or the host does. */
    Opening open() {
        if (deadline.passed()) {
            return new Failed(Verdict.INCONCLUSIVE, deadline.reason() + " before the conversation could start");
        }
        Optional<String> refusal = settings.scope().refusal(target);
        if (refusal.isPresent()) {
            return new Failed(Verdict.OUT_OF_SCOPE, "not connected: " + refusal.get());
        }
        SmtpConnection connection;
        try {
            connection = SmtpConnection.connect(target, settings.connectTimeout(), settings.commandTimeout(),
                    deadline, limits);
        } catch (BudgetExhaustedException e) {
            return deadline.stopped() ? new Failed(Verdict.INCONCLUSIVE, deadline.reason() + " while connecting")
                    : new Failed(Verdict.UNREACHABLE, "no answer to the connection attempt before "
                    + deadline.reason());
        } catch (ConnectException e) {
            return new Failed(Verdict.REFUSED, "connection refused");
        } catch (SocketTimeoutException e) {
            return new Failed(Verdict.UNREACHABLE, "no answer to the connection attempt within "
                    + millis(settings.connectTimeout()));
        } catch (IOException e) {
            return new Failed(Verdict.UNREACHABLE, "cannot connect: " + describe(e, settings.commandTimeout()));
        }
        Opening greeted = greet(connection);
        if (greeted instanceof TlsFailed) {
            connection.close();
            return open();
        }
        return greeted;
    }

    /** The latest greeting's text (bounded, made printable), or as far as a tarpit's came; empty before any. */
    String banner() {
        return banner;
    }

    /** What the latest session's EHLO advertised; null before a session got that far. */
    Capabilities capabilities() {
        return capabilities;
    }

    /** The name the host gave for itself in its greeting or EHLO reply, if it is a host name; else null. */
    String announcedName() {
        return announcedName;
    }

    /** Whether the latest session runs over TLS. */
    boolean tls() {
        return tls;
    }

    /** Why our TLS handshake failed, or null when it did not. */
    String tlsFailure() {
        return tlsFailure;
    }

    /** The values of the battery's macros on this host, as far as it introduced itself. */
    RelayForm.Macros macros() {
        return new RelayForm.Macros(settings.probeLocalPart(), settings.probeDomain(), target, announcedName,
                settings.heloName());
    }

    private Opening greet(SmtpConnection connection) {
        Transcript opening = new Transcript(limits.maxTranscriptChars(), "");
        connection.recordTo(opening);
        SmtpReply greeting;
        try {
            greeting = connection.readReply();
        } catch (SocketTimeoutException e) {
            connection.close();
            if (deadline.stopped()) {
                return new Failed(Verdict.INCONCLUSIVE, deadline.reason() + " while waiting for the greeting");
            }
            return unfinishedGreeting(connection.partialReply(), e instanceof BudgetExhaustedException
                    ? "the host time budget of " + millis(settings.hostBudget())
                    : millis(settings.commandTimeout()));
        } catch (MalformedReplyException e) {
            // The greeting must be the first thing a server says (RFC 5321 section 3.1). We do not read past junk
            // in search of a 220 further on: mail software gives up on such a host too, so it relays nothing, and
            // skipping would make us read whatever amount a hostile peer sends.
            connection.close();
            return new Failed(Verdict.NOT_SMTP, "not an SMTP service: " + e.getMessage());
        } catch (IOException e) {
            connection.close();
            return new Failed(Verdict.NO_GREETING, "no greeting: " + describe(e, settings.commandTimeout()));
        }
        if (banner.isEmpty()) {
            banner = bounded(greeting.toTranscript(), limits.maxBannerChars());
        }
        if (!greeting.isPositive()) {
            connection.quit();
            return new Failed(greeting.isTransient() ? Verdict.TEMPORARILY_UNAVAILABLE
                    : greeting.isPermanent() ? Verdict.REJECTED_AT_GREETING : Verdict.NOT_SMTP,
                    "greeting: " + greeting.summary());
        }
        if (announcedName == null) {
            announcedName = nameIn(greeting);
        }
        try {
            Opening introduced = introduce(connection);
            if (introduced instanceof Failed) {
                connection.quit();
            } else {
                connection.recordTo(null);
            }
            return introduced;
        } catch (BudgetExhaustedException e) {
            connection.close();
            return new Failed(Verdict.INCONCLUSIVE, deadline.reason() + " during " + step + ", before the first test",
                    opening.text());
        } catch (IOException e) {
            connection.close();
            return new Failed(Verdict.INCONCLUSIVE, "the conversation broke off during " + step
                    + ", before the first test: " + describe(e, settings.commandTimeout()), opening.text());
        }
    }

    /**
     * A greeting that had not come whole when the wait ran out. One that began and trickles on is a tarpit's, kept as
     * evidence as far as it came: the host answers, but too slowly to judge. No byte at all is no greeting.
     */
    private Failed unfinishedGreeting(String partial, String wait) {
        if (partial.isEmpty()) {
            return new Failed(Verdict.NO_GREETING, "no greeting within " + wait);
        }
        if (banner.isEmpty()) {
            banner = bounded(partial, limits.maxBannerChars());
        }
        return new Failed(Verdict.INCONCLUSIVE, "greeting started but did not complete within " + wait + ": tarpit");
    }

    /** EHLO (HELO when EHLO is refused), then STARTTLS and EHLO again when the server offers it. */
    private Opening introduce(SmtpConnection connection) throws IOException {
        step = "EHLO";
        SmtpReply ehlo = connection.command("EHLO " + settings.heloName());
        if (ehlo.isPositive()) {
            capabilities = Capabilities.fromEhlo(ehlo);
            announcedName = announcedName != null ? announcedName : nameIn(ehlo);
        } else if (ehlo.isPermanent()) {
            step = "HELO";
            SmtpReply helo = connection.command("HELO " + settings.heloName());
            if (!helo.isPositive()) {
                return refusedIntroduction("HELO", helo);
            }
            capabilities = Capabilities.NONE;
        } else {
            return refusedIntroduction("EHLO", ehlo);
        }
        if (capabilities.startTls() && tlsFailure == null) {
            step = "STARTTLS";
            SmtpReply go = connection.command("STARTTLS");
            if (go.code() == 220) {
                step = "the TLS handshake";
                try {
                    connection.startTls(target);
                } catch (BudgetExhaustedException e) {
                    throw e;
                } catch (IOException e) {
                    tlsFailure = describe(e, settings.commandTimeout());
                    return new TlsFailed();
                }
                tls = true;
                step = "EHLO after STARTTLS";
                SmtpReply again = connection.command("EHLO " + settings.heloName());
                if (!again.isPositive()) {
                    return refusedIntroduction("EHLO after STARTTLS", again);
                }
                capabilities = Capabilities.fromEhlo(again);
            }
        }
        return new Opened(connection);
    }

    private static Failed refusedIntroduction(String command, SmtpReply reply) {
        Verdict verdict = reply.isTransient() ? Verdict.TEMPORARILY_UNAVAILABLE
                : reply.isPermanent() ? Verdict.REJECTED_AT_GREETING : Verdict.INCONCLUSIVE;
        return new Failed(verdict, "refused our " + command + ": " + reply.summary());
    }

    /**
     * The name the server gives for itself (first word of the reply), if it is a plausible host name or address
     * literal; it goes into our commands, so anything else is ignored.
     */
    private static String nameIn(SmtpReply reply) {
        String first = reply.lines().get(0).strip().split(" ", 2)[0];
        return HostNames.isHeloName(first) ? first : null;
    }
}
