package org.smtprc.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smtprc.addresses.Endpoint;

/** One probe of one host: the state of the conversation and how its events become test outcomes and a verdict. */
final class HostConversation {

    /**
     * Tests sent in one pipelined group at most: their commands (about 100 bytes each) and replies stay far
     * inside the socket buffers, so neither side blocks writing while the other is not reading (RFC 2920, 3.1).
     */
    private static final int MAX_SCREENED_TESTS = 32;

    private final Endpoint target;
    private final ProbeSettings settings;
    private final RelayProbe.Limits limits;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Deadline deadline;

    private String banner = "";
    private Capabilities capabilities;
    private String announcedName;
    private boolean tls;
    private String tlsFailure;
    private int reconnects;
    private String lastProblem = "";
    /** The test whose probe message the host took; later accepted tests stop after RCPT unless told otherwise. */
    private String messageTakenBy;

    HostConversation(Endpoint target, ProbeSettings settings, RelayProbe.Limits limits) {
        this.target = target;
        this.settings = settings;
        this.limits = limits;
        this.deadline = new Deadline(settings.hostBudget());
    }

    /** How opening a connection ended: ready for tests, or a verdict on the host. */
    private sealed interface Opening permits Opened, Failed, TlsFailed {
    }

    private record Opened(SmtpConnection connection) implements Opening {
    }

    private record Failed(Verdict verdict, String detail) implements Opening {
    }

    private record TlsFailed() implements Opening {
    }

    /** Why a server refused a test, which decides between SECURED, REQUIRES_AUTH and REQUIRES_TLS. */
    private enum Refusal { NONE, POLICY, AUTH, TLS }

    /** A server's answer to one stage of a test; {@code closing} means it answered 421 and hangs up. */
    private record Judgement(TestOutcome outcome, Refusal refusal, SmtpReply reply, boolean closing) {
    }

    /**
     * How one attempt at a test ended: judged (the connection can carry the next test), or broken off (connection
     * lost, server closing, no reply, budget used up).
     */
    private sealed interface Attempt permits Finished, Broken {
    }

    private record Finished(Judged judged) implements Attempt {
    }

    private record Broken(Transcript transcript, String problem, boolean budgetUsedUp) implements Attempt {
    }

    /** A test's evidence plus what the verdict needs to know about it. */
    private record Judged(TestResult evidence, Refusal refusal, String reason) {
    }

    HostOutcome run() {
        Opening opening = open();
        if (opening instanceof Failed failed) {
            return report(failed.verdict(), failed.detail(), List.of());
        }
        SmtpConnection connection = ((Opened) opening).connection();
        boolean used = false;
        List<RelayForm> forms = settings.forms();
        List<Judged> judged = new ArrayList<>();
        String earlier = "";
        boolean retrying = false;
        String stop = null;
        int index = 0;
        while (index < forms.size() && stop == null) {
            if (Thread.currentThread().isInterrupted()) {
                stop = "the probe was stopped after " + index + " of " + forms.size() + " tests";
                continue;
            }
            if (deadline.passed()) {
                stop = budgetUsedUp(index);
                continue;
            }
            if (connection == null) {
                if (reconnects == limits.maxReconnects()) {
                    stop = "the server broke off the conversation (" + lastProblem + ") more often than the "
                            + limits.maxReconnects() + " reconnects allowed; " + index + " of " + forms.size()
                            + " tests ran";
                    continue;
                }
                reconnects++;
                Opening again = open();
                if (!(again instanceof Opened opened)) {
                    stop = "reconnect " + reconnects + " failed ("
                            + (again instanceof Failed failed ? failed.detail() : "TLS") + "); " + index + " of "
                            + forms.size() + " tests ran";
                    continue;
                }
                connection = opened.connection();
                used = false;
                earlier += "-- reconnected (" + reconnects + " of " + limits.maxReconnects() + " allowed)\n";
            }
            List<Attempt> attempts = capabilities.pipelining() && !retrying
                    ? screen(connection, forms.subList(index, Math.min(forms.size(), index + MAX_SCREENED_TESTS)),
                    earlier, used)
                    : List.of(attempt(connection, forms.get(index), earlier, used));
            earlier = "";
            for (Attempt attempt : attempts) {
                RelayForm form = forms.get(index);
                switch (attempt) {
                    case Finished finished -> {
                        judged.add(finished.judged());
                        retrying = false;
                        used = true;
                        index++;
                    }
                    case Broken broken -> {
                        connection.close();
                        connection = null;
                        lastProblem = broken.problem();
                        if (broken.budgetUsedUp() || retrying) {
                            judged.add(brokenTest(form, broken.transcript().text(), broken.problem()));
                            retrying = false;
                            index++;
                            stop = broken.budgetUsedUp() ? budgetUsedUp(index) : null;
                        } else {
                            // Retry the interrupted test once on a new connection: servers such as Postfix hang
                            // up after a number of rejected commands, and the test that met the hang-up deserves
                            // a run.
                            retrying = true;
                            earlier = broken.transcript().text();
                        }
                    }
                }
            }
            if (connection != null && connection.closed()) {
                // a probe message's transaction broke off after its tests were judged
                connection = null;
                lastProblem = "the connection broke off while a probe message was sent";
            }
        }
        if (retrying) {
            judged.add(brokenTest(forms.get(index), earlier + "-- not retried: " + stop + "\n", lastProblem));
            index++;
        }
        for (RelayForm form : forms.subList(index, forms.size())) {
            RelayForm envelope = form.expand(macros());
            judged.add(new Judged(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(),
                    TestOutcome.NOT_RUN, "-- not run: " + stop + "\n", 0), Refusal.NONE, stop));
        }
        if (connection != null) {
            connection.quit();
        }
        return conclude(judged, stop);
    }

    private Opening open() {
        if (deadline.passed()) {
            return new Failed(Verdict.INCONCLUSIVE, "host time budget of " + millis(settings.hostBudget())
                    + " used up before the conversation could start");
        }
        SmtpConnection connection;
        try {
            connection = SmtpConnection.connect(target, settings.connectTimeout(), settings.commandTimeout(),
                    deadline, limits);
        } catch (ConnectException e) {
            return new Failed(Verdict.REFUSED, "connection refused");
        } catch (SocketTimeoutException e) {
            return new Failed(Verdict.UNREACHABLE, "no answer to the connection attempt within "
                    + millis(settings.connectTimeout()));
        } catch (IOException e) {
            return new Failed(Verdict.UNREACHABLE, "cannot connect: " + describe(e));
        }
        Opening greeted = greet(connection);
        if (greeted instanceof TlsFailed) {
            connection.close();
            return open();
        }
        return greeted;
    }

    private Opening greet(SmtpConnection connection) {
        SmtpReply greeting;
        try {
            greeting = connection.readReply();
        } catch (BudgetExhaustedException e) {
            connection.close();
            return new Failed(Verdict.INCONCLUSIVE, "the greeting did not complete within the host time budget of "
                    + millis(settings.hostBudget()));
        } catch (SocketTimeoutException e) {
            connection.close();
            return new Failed(Verdict.NO_GREETING, "no greeting within " + millis(settings.commandTimeout()));
        } catch (MalformedReplyException e) {
            // The greeting must be the first thing a server says (RFC 5321 section 3.1). We do not read past junk
            // in search of a 220 further on: mail software gives up on such a host too, so it relays nothing, and
            // skipping would make us read whatever amount a hostile peer sends.
            connection.close();
            return new Failed(Verdict.NOT_SMTP, "not an SMTP service: " + e.getMessage());
        } catch (IOException e) {
            connection.close();
            return new Failed(Verdict.NO_GREETING, "no greeting: " + describe(e));
        }
        banner = bounded(greeting.toTranscript(), limits.maxBannerChars());
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
            }
            return introduced;
        } catch (IOException e) {
            connection.close();
            return new Failed(Verdict.INCONCLUSIVE, "the conversation broke off before the first test: "
                    + describe(e));
        }
    }

    /** EHLO (HELO when EHLO is refused), then STARTTLS and EHLO again when the server offers it. */
    private Opening introduce(SmtpConnection connection) throws IOException {
        SmtpReply ehlo = connection.command("EHLO " + settings.heloName());
        if (ehlo.isPositive()) {
            capabilities = Capabilities.fromEhlo(ehlo);
            announcedName = announcedName != null ? announcedName : nameIn(ehlo);
        } else if (ehlo.isPermanent()) {
            SmtpReply helo = connection.command("HELO " + settings.heloName());
            if (!helo.isPositive()) {
                return refusedIntroduction("HELO", helo);
            }
            capabilities = Capabilities.NONE;
        } else {
            return refusedIntroduction("EHLO", ehlo);
        }
        if (capabilities.startTls() && tlsFailure == null) {
            SmtpReply go = connection.command("STARTTLS");
            if (go.code() == 220) {
                try {
                    connection.startTls(target);
                } catch (IOException e) {
                    tlsFailure = describe(e);
                    return new TlsFailed();
                }
                tls = true;
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
     * One test: RSET when the connection carried an earlier test, MAIL, RCPT and, unless RCPT-only, DATA and the
     * message. A server that advertises PIPELINING gets RSET, MAIL and RCPT in one write (RFC 2920 lets all three
     * appear anywhere in a group), so a refused test costs one round trip.
     */
    private Attempt attempt(SmtpConnection connection, RelayForm form, String earlier, boolean resetFirst) {
        RelayForm envelope = form.expand(macros());
        Transcript transcript = new Transcript(limits.maxTranscriptChars(), earlier);
        connection.recordTo(transcript);
        List<String> commands = resetFirst
                ? List.of("RSET", "MAIL FROM:" + envelope.mailFrom(), "RCPT TO:" + envelope.rcptTo())
                : List.of("MAIL FROM:" + envelope.mailFrom(), "RCPT TO:" + envelope.rcptTo());
        try {
            List<SmtpReply> replies = capabilities.pipelining() ? connection.pipeline(commands)
                    : oneByOne(connection, commands);
            SmtpReply last = replies.getLast();
            if (last.code() == 421) {
                return new Broken(transcript, "server closing: " + last.summary(), false);
            }
            Judgement judgement = judgeEnvelope(replies, resetFirst ? 1 : 0);
            if (judgement == null) {
                judgement = messageWanted() ? deliver(connection, form, envelope)
                        : acceptedWithoutMessage(transcript, replies.getLast());
            }
            if (judgement.closing()) {
                return new Broken(transcript, "server closing: " + judgement.reply().summary(), false);
            }
            return finished(form, envelope, judgement, transcript);
        } catch (BudgetExhaustedException e) {
            return new Broken(transcript, "host time budget used up", true);
        } catch (IOException e) {
            return new Broken(transcript, describe(e), false);
        } finally {
            connection.recordTo(null);
        }
    }

    /**
     * A test judged by the replies to its MAIL and RCPT ({@code first} is where MAIL's reply is); null when the
     * server accepted both, so the test passed the envelope stage.
     */
    private static Judgement judgeEnvelope(List<SmtpReply> replies, int first) {
        SmtpReply mail = replies.get(first);
        if (!mail.isPositive()) {
            return judge(mail, TestOutcome.REJECTED_AT_MAIL);
        }
        SmtpReply rcpt = replies.get(first + 1);
        return rcpt.isPositive() ? null : judge(rcpt, TestOutcome.REJECTED_AT_RCPT);
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
        return new Judgement(TestOutcome.ACCEPTED, Refusal.NONE, rcpt, false);
    }

    /** A test judged within a pipelined group, by the replies to its MAIL and RCPT. */
    private record Screened(RelayForm form, RelayForm envelope, Transcript transcript, Judgement judgement) {
    }

    /**
     * Several tests in one pipelined write (RFC 2920 lets RSET, MAIL and RCPT appear anywhere in a group), each
     * judged by its replies at MAIL and RCPT, so a closed server answers the whole battery in one round trip. An
     * accepted test that is to carry the probe message then runs again in a transaction of its own, with DATA.
     * The attempts come back in test order; only the last may be {@link Broken} (the tests after it were not
     * judged). When a message's own transaction breaks off, its test keeps the judgement of its envelope and the
     * connection is left closed.
     */
    private List<Attempt> screen(SmtpConnection connection, List<RelayForm> group, String earlier,
                                 boolean resetFirst) {
        List<List<String>> commands = new ArrayList<>(group.size());
        List<RelayForm> envelopes = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            RelayForm envelope = group.get(i).expand(macros());
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
            return List.of(new Broken(new Transcript(limits.maxTranscriptChars(), earlier), describe(e),
                    e instanceof BudgetExhaustedException));
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
                Judgement judgement = judgeEnvelope(replies, commands.get(i).size() - 2);
                screened.add(new Screened(group.get(i), envelopes.get(i), transcript, judgement != null ? judgement
                        : new Judgement(TestOutcome.ACCEPTED, Refusal.NONE, last, false)));
            } catch (IOException e) {
                broken = new Broken(transcript, describe(e), e instanceof BudgetExhaustedException);
            } finally {
                connection.recordTo(null);
            }
        }
        List<Attempt> attempts = new ArrayList<>(group.size());
        for (Screened test : screened) {
            Transcript transcript = test.transcript();
            if (test.judgement().outcome() != TestOutcome.ACCEPTED) {
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

    private static Finished finished(RelayForm form, RelayForm envelope, Judgement judgement, Transcript transcript) {
        return new Finished(new Judged(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(),
                judgement.outcome(), transcript.text(), transcript.millis()), judgement.refusal(),
                judgement.reply().summary()));
    }

    private Judgement deliver(SmtpConnection connection, RelayForm form, RelayForm envelope) throws IOException {
        SmtpReply data = connection.command("DATA");
        if (data.code() != 354) {
            return judge(data, TestOutcome.REJECTED_AT_DATA);
        }
        String message = settings.composer().compose(
                new ProbeContext(target, form, envelope.mailFrom(), envelope.rcptTo(), announcedName));
        SmtpReply sent = connection.sendMessage(message);
        if (!sent.isPositive()) {
            return judge(sent, TestOutcome.REJECTED_AT_DATA);
        }
        messageTakenBy = form.name();
        return new Judgement(TestOutcome.ACCEPTED, Refusal.NONE, sent, false);
    }

    /** A non-positive reply at one stage; a positive reply where none belongs is a protocol error. */
    private static Judgement judge(SmtpReply reply, TestOutcome rejection) {
        if (reply.code() == 421) {
            return new Judgement(TestOutcome.ERROR, Refusal.NONE, reply, true);
        }
        if (reply.isTransient()) {
            return new Judgement(TestOutcome.TEMPFAIL, Refusal.NONE, reply, false);
        }
        if (reply.isPermanent()) {
            return new Judgement(rejection, refusalIn(reply), reply, false);
        }
        return new Judgement(TestOutcome.ERROR, Refusal.NONE, reply, false);
    }

    private static Refusal refusalIn(SmtpReply reply) {
        String text = reply.text().toLowerCase(Locale.ROOT);
        boolean securityStatus = text.startsWith("5.7.0") || text.startsWith("5.7.1");
        if (text.contains("starttls") && (reply.code() == 530 || securityStatus)) {
            return Refusal.TLS;
        }
        if (reply.code() == 530 || reply.code() == 535 || (securityStatus && text.contains("auth"))) {
            return Refusal.AUTH;
        }
        return Refusal.POLICY;
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

    private HostOutcome conclude(List<Judged> judged, String stop) {
        List<TestResult> tests = judged.stream().map(Judged::evidence).toList();
        int total = judged.size();
        List<Judged> accepted = having(judged, TestOutcome.ACCEPTED);
        if (!accepted.isEmpty()) {
            TestResult first = accepted.get(0).evidence();
            return report(Verdict.ACCEPTS_RELAY, "accepted relay test '" + first.form() + "' (RCPT TO:"
                    + first.rcptTo() + ")" + (accepted.size() > 1 ? " and " + (accepted.size() - 1) + " more" : ""),
                    tests);
        }
        if (stop != null) {
            return report(Verdict.INCONCLUSIVE, stop, tests);
        }
        List<Judged> deferred = having(judged, TestOutcome.TEMPFAIL);
        if (!deferred.isEmpty()) {
            return report(Verdict.INCONCLUSIVE, deferred.size() + " of " + total + " tests deferred ("
                    + deferred.get(0).reason() + "); probably greylisting: scan again later", tests);
        }
        List<Judged> broken = having(judged, TestOutcome.ERROR);
        if (!broken.isEmpty()) {
            return report(Verdict.INCONCLUSIVE, broken.size() + " of " + total + " tests could not be judged ("
                    + broken.get(0).reason() + ")", tests);
        }
        String example = judged.get(0).reason();
        if (judged.stream().allMatch(j -> j.refusal() == Refusal.AUTH)) {
            return report(Verdict.REQUIRES_AUTH, "refused every relay test until we authenticate (" + example + ")",
                    tests);
        }
        if (!tls && judged.stream().allMatch(j -> j.refusal() == Refusal.TLS)) {
            return report(Verdict.REQUIRES_TLS, "refused every relay test until we start TLS (" + example + "); "
                    + (tlsFailure == null ? "the server does not offer STARTTLS" : "our TLS handshake failed: "
                    + tlsFailure), tests);
        }
        return report(Verdict.SECURED, "refused all " + total + " relay tests (" + example + ")", tests);
    }

    private static List<Judged> having(List<Judged> judged, TestOutcome outcome) {
        return judged.stream().filter(j -> j.evidence().outcome() == outcome).toList();
    }

    private Judged brokenTest(RelayForm form, String transcript, String problem) {
        RelayForm envelope = form.expand(macros());
        return new Judged(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(), TestOutcome.ERROR,
                transcript, 0), Refusal.NONE, problem);
    }

    private HostOutcome report(Verdict verdict, String detail, List<TestResult> tests) {
        return new HostOutcome(target, verdict, banner,
                capabilities == null ? "" : bounded(capabilities.describe(), limits.maxBannerChars()), tls,
                bounded(detail.replace('\n', ' '), limits.maxDetailChars()), tests, started,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private RelayForm.Macros macros() {
        return new RelayForm.Macros(settings.probeLocalPart(), settings.probeDomain(), target, announcedName,
                settings.heloName());
    }

    /**
     * The name the server gives for itself (first word of the reply), if it is a plausible host name or address
     * literal; it goes into our commands, so anything else is ignored.
     */
    private static String nameIn(SmtpReply reply) {
        String first = reply.lines().get(0).strip().split(" ", 2)[0];
        return HostNames.isHeloName(first) ? first : null;
    }

    private String budgetUsedUp(int testsRun) {
        return "host time budget of " + millis(settings.hostBudget()) + " ran out after " + testsRun + " of "
                + settings.forms().size() + " tests";
    }

    private String describe(IOException e) {
        return switch (e) {
            case BudgetExhaustedException b -> "host time budget used up";
            case SocketTimeoutException t -> "no reply within " + millis(settings.commandTimeout());
            case EOFException eof -> "the server closed the connection";
            case MalformedReplyException m -> "malformed reply: " + m.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%,d ms", duration.toMillis());
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "[...]";
    }
}
