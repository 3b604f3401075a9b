package org.smtprc.probe;

import static org.smtprc.probe.ProbeText.describe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.smtprc.addresses.Endpoint;
import org.smtprc.probe.ReplyJudge.Judgement;

/**
 * Relay tests on an open session: each test's (RSET,) MAIL and RCPT, pipelined in groups when the server offers
 * PIPELINING, one command after the other when it does not; and DATA with the probe message for an accepted test
 * while the host has not taken one yet. It remembers which test's message the host took, across sessions.
 */
final class TestExchange {

    /**
     * How one attempt at a test ended: judged (the connection can carry the next test), or broken off (connection
     * lost, server closing, no reply, budget used up).
     */
    sealed interface Attempt permits Finished, Broken {
    }

    record Finished(JudgedTest judged) implements Attempt {
    }

    record Broken(Transcript transcript, String problem, boolean budgetUsedUp) implements Attempt {
    }

    /** A test judged within a pipelined group, by the replies to its MAIL and RCPT. */
    private record Screened(RelayForm form, RelayForm envelope, Transcript transcript, Judgement judgement) {
    }

    private final Endpoint target;
    private final ProbeSettings settings;
    private final HostConversation.Limits limits;
    private final SessionOpener session;
    /** The test whose probe message the host took; later accepted tests stop after RCPT unless told otherwise. */
    private String messageTakenBy;

    /** @param session the host as it introduced itself: its name for the macros and the message, its capabilities */
    TestExchange(Endpoint target, ProbeSettings settings, HostConversation.Limits limits, SessionOpener session) {
        this.target = target;
        this.settings = settings;
        this.limits = limits;
        this.session = session;
    }

    /**
     * One test: RSET when the connection carried an earlier test, MAIL, RCPT and, unless RCPT-only, DATA and the
     * message. A server that advertises PIPELINING gets RSET, MAIL and RCPT in one write (RFC 2920 lets all three
     * appear anywhere in a group), so a refused test costs one round trip.
     *
     * @param earlier what an interrupted earlier attempt of the test recorded, kept in front of its transcript
     */
    Attempt attempt(SmtpConnection connection, RelayForm form, String earlier, boolean resetFirst) {
        RelayForm envelope = form.expand(session.macros());
        Transcript transcript = new Transcript(limits.maxTranscriptChars(), earlier);
        connection.recordTo(transcript);
        List<String> commands = resetFirst
                ? List.of("RSET", "MAIL FROM:" + envelope.mailFrom(), "RCPT TO:" + envelope.rcptTo())
                : List.of("MAIL FROM:" + envelope.mailFrom(), "RCPT TO:" + envelope.rcptTo());
        try {
            List<SmtpReply> replies = session.capabilities().pipelining() ? connection.pipeline(commands)
                    : oneByOne(connection, commands);
            SmtpReply last = replies.getLast();
            if (last.code() == 421) {
                return new Broken(transcript, "server closing: " + last.summary(), false);
            }
            Judgement judgement = ReplyJudge.envelope(replies, resetFirst ? 1 : 0);
            if (judgement.isAccepted()) {
                judgement = messageWanted() ? deliver(connection, form, envelope)
                        : acceptedWithoutMessage(transcript, judgement.reply());
            }
            if (judgement.closing()) {
                return new Broken(transcript, "server closing: " + judgement.reply().summary(), false);
            }
            return finished(form, envelope, judgement, transcript);
        } catch (BudgetExhaustedException e) {
            return new Broken(transcript, e.getMessage(), true);
        } catch (IOException e) {
            return new Broken(transcript, describe(e, settings.commandTimeout()), false);
        } finally {
            connection.recordTo(null);
        }
    }

    /**
     * Several tests in one pipelined write (RFC 2920 lets RSET, MAIL and RCPT appear anywhere in a group), each
     * judged by its replies at MAIL and RCPT, so a closed server answers the whole group in one round trip. An
     * accepted test that is to carry the probe message then runs again in a transaction of its own, with DATA.
     * The attempts come back in test order; only the last may be {@link Broken} (the tests after it were not
     * judged). When a message's own transaction breaks off, its test keeps the judgement of its envelope and the
     * connection is left closed.
     */
    List<Attempt> screen(SmtpConnection connection, List<RelayForm> group, String earlier, boolean resetFirst) {
        List<List<String>> commands = new ArrayList<>(group.size());
        List<RelayForm> envelopes = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            RelayForm envelope = group.get(i).expand(session.macros());
            envelopes.add(envelope);
            List<String> envelopeCommands = new ArrayList<>(3);
            if (i > 0 || resetFirst) {
                envelopeCommands.add("RSET");
            }
            envelopeCommands.add("MAIL FROM:" + envelope.mailFrom());
            envelopeCommands.add("RCPT TO:" + envelope.rcptTo());
            commands.add(envelopeCommands);
        }
        try {
            connection.send(commands.stream().flatMap(List::stream).toList());
        } catch (IOException e) {
            return List.of(new Broken(new Transcript(limits.maxTranscriptChars(), earlier),
                    describe(e, settings.commandTimeout()), e instanceof BudgetExhaustedException));
        }
        List<Screened> screened = new ArrayList<>(group.size());
        Broken broken = null;
        for (int i = 0; i < group.size() && broken == null; i++) {
            Transcript transcript = new Transcript(limits.maxTranscriptChars(), i == 0 ? earlier : "");
            commands.get(i).forEach(transcript::sent);
            connection.recordTo(transcript);
            try {
                List<SmtpReply> replies = connection.readReplies(commands.get(i).size());
                SmtpReply last = replies.getLast();
                if (last.code() == 421) {
                    broken = new Broken(transcript, "server closing: " + last.summary(), false);
                    continue;
                }
                Judgement judgement = ReplyJudge.envelope(replies, commands.get(i).size() - 2);
                screened.add(new Screened(group.get(i), envelopes.get(i), transcript, judgement));
            } catch (IOException e) {
                broken = new Broken(transcript, describe(e, settings.commandTimeout()),
                        e instanceof BudgetExhaustedException);
            } finally {
                connection.recordTo(null);
            }
        }
        List<Attempt> attempts = new ArrayList<>(group.size());
        for (Screened test : screened) {
            Transcript transcript = test.transcript();
            if (!test.judgement().isAccepted()) {
                attempts.add(finished(test.form(), test.envelope(), test.judgement(), transcript));
            } else if (broken != null || connection.closed()) {
                transcript.note("no message sent: the connection broke off first");
                attempts.add(finished(test.form(), test.envelope(), test.judgement(), transcript));
            } else if (messageWanted()) {
                transcript.note("the server accepted the envelope; the probe message follows in a transaction of"
                        + " its own");
                attempts.add(delivery(connection, test));
            } else {
                attempts.add(finished(test.form(), test.envelope(),
                        acceptedWithoutMessage(transcript, test.judgement().reply()), transcript));
            }
        }
        if (broken != null) {
            attempts.add(broken);
        }
        return attempts;
    }

    /** Whether an accepted test should carry the probe message: not in RCPT-only mode, not once one was taken. */
    private boolean messageWanted() {
        return !settings.rcptOnly() && (messageTakenBy == null || settings.messagePerForm());
    }

    private Judgement acceptedWithoutMessage(Transcript transcript, SmtpReply rcpt) {
        if (!settings.rcptOnly()) {
            transcript.note("no message sent: the host already took the probe message of test '" + messageTakenBy
                    + "', and one message proves the relay");
        }
        return Judgement.accepted(rcpt);
    }

    /** The test run again with DATA; if that breaks off, the test stands as its envelope was judged. */
    private Attempt delivery(SmtpConnection connection, Screened test) {
        Attempt attempt = attempt(connection, test.form(), test.transcript().text(), true);
        if (attempt instanceof Broken broken) {
            broken.transcript().note("the probe message's transaction broke off (" + broken.problem()
                    + "); the test stands as judged by its envelope");
            connection.close();
            return finished(test.form(), test.envelope(), test.judgement(), broken.transcript());
        }
        return attempt;
    }

    private Judgement deliver(SmtpConnection connection, RelayForm form, RelayForm envelope) throws IOException {
        SmtpReply data = connection.command("DATA");
        if (data.code() != 354) {
            return ReplyJudge.refusal(data, TestOutcome.REJECTED_AT_DATA);
        }
        String message = settings.composer().compose(
                new ProbeContext(target, form, envelope.mailFrom(), envelope.rcptTo(), session.announcedName()));
        SmtpReply sent = connection.sendMessage(message);
        if (!sent.isPositive()) {
            return ReplyJudge.refusal(sent, TestOutcome.REJECTED_AT_DATA);
        }
        messageTakenBy = form.name();
        return Judgement.accepted(sent);
    }

    private static Finished finished(RelayForm form, RelayForm envelope, Judgement judgement, Transcript transcript) {
        return new Finished(new JudgedTest(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(),
                judgement.outcome(), transcript.text(), transcript.millis()), judgement.refusal(),
                judgement.reply().summary()));
    }

    /**
     * The commands of a test to a server without PIPELINING, each after the reply to the one before; stops after
     * a 421 (the server is closing) and before RCPT when MAIL was refused (RCPT would only draw a 503).
     */
    private static List<SmtpReply> oneByOne(SmtpConnection connection, List<String> commands) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(commands.size());
        for (String command : commands) {
            SmtpReply reply = connection.command(command);
            replies.add(reply);
            if (reply.code() == 421 || (command.startsWith("MAIL") && !reply.isPositive())) {
                break;
            }
        }
        return replies;
    }
}
