package org.smtprc.probe;

import java.util.ArrayList;
import java.util.List;
import org.smtprc.probe.SessionOpener.Failed;
import org.smtprc.probe.SessionOpener.Opened;
import org.smtprc.probe.SessionOpener.Opening;
import org.smtprc.probe.TestExchange.Attempt;
import org.smtprc.probe.TestExchange.Broken;
import org.smtprc.probe.TestExchange.Finished;

/**
 * The battery's run through one host's sessions, a state machine over the forms: screen them in pipelined groups
 * (one by one without PIPELINING); after {@link HostConversation.Limits#testsPerSession()} tests, QUIT and go on in
 * a new session, so that servers which end a session after a number of errors (Postfix after 20, stalling every
 * reply after 10) see few enough of them; when the server hangs up or says 421, open a new session (at most
 * {@link HostConversation.Limits#maxReconnects()}) and run the interrupted test once more, alone; stop when the
 * host's time budget runs out or the probe is stopped, leaving the rest not run. Every form ends with a result.
 */
final class BatteryRun {

    /**
     * Tests sent in one pipelined group at most: their commands (about 100 bytes each) and replies stay far
     * inside the socket buffers, so neither side blocks writing while the other is not reading (RFC 2920, 3.1).
     */
    private static final int MAX_SCREENED_TESTS = 32;

    /**
     * @param judged every form's test, in battery order
     * @param stop   why the run stopped before the end of the battery, or null when every test ran
     */
    record Result(List<JudgedTest> judged, String stop) {
    }

    private final ProbeSettings settings;
    private final HostConversation.Limits limits;
    private final Deadline deadline;
    private final SessionOpener opener;
    private final TestExchange exchange;
    private int reconnects;
    private int sessions = 1;
    private String lastProblem = "";

    BatteryRun(ProbeSettings settings, HostConversation.Limits limits, Deadline deadline, SessionOpener opener,
               TestExchange exchange) {
        this.settings = settings;
        this.limits = limits;
        this.deadline = deadline;
        this.opener = opener;
        this.exchange = exchange;
    }

    /** Runs every form, starting on {@code connection}, and ends with the last session closed (QUIT). */
    Result run(SmtpConnection connection) {
        boolean used = false;
        List<RelayForm> forms = settings.forms();
        List<JudgedTest> judged = new ArrayList<>();
        String earlier = "";
        boolean retrying = false;
        String stop = null;
        int index = 0;
        int testsInSession = 0;
        while (index < forms.size() && stop == null) {
            if (Thread.currentThread().isInterrupted() || deadline.passed()) {
                stop = ended(index);
                continue;
            }
            if (connection != null && testsInSession == limits.testsPerSession()) {
                connection.quit();
                Opening next = opener.open();
                if (!(next instanceof Opened opened)) {
                    stop = "a new session for the next tests failed ("
                            + (next instanceof Failed failed ? failed.detail() : "TLS") + "); " + index + " of "
                            + forms.size() + " tests ran";
                    connection = null;
                    continue;
                }
                connection = opened.connection();
                used = false;
                testsInSession = 0;
                sessions++;
                earlier += "-- session " + sessions + ": at most " + limits.testsPerSession()
                        + " tests per session, to stay within the server's error limits\n";
            }
            if (connection == null) {
                if (reconnects == limits.maxReconnects()) {
                    stop = "the server broke off the conversation (" + lastProblem + ") more often than the "
                            + limits.maxReconnects() + " reconnects allowed; " + index + " of " + forms.size()
                            + " tests ran";
                    continue;
                }
                reconnects++;
                Opening again = opener.open();
                if (!(again instanceof Opened opened)) {
                    stop = "reconnect " + reconnects + " failed ("
                            + (again instanceof Failed failed ? failed.detail() : "TLS") + "); " + index + " of "
                            + forms.size() + " tests ran";
                    continue;
                }
                connection = opened.connection();
                used = false;
                testsInSession = 0;
                sessions++;
                earlier += "-- reconnected (" + reconnects + " of " + limits.maxReconnects() + " allowed)\n";
            }
            int room = Math.min(MAX_SCREENED_TESTS, limits.testsPerSession() - testsInSession);
            List<Attempt> attempts = opener.capabilities().pipelining() && !retrying
                    ? exchange.screen(connection, forms.subList(index, Math.min(forms.size(), index + room)),
                    earlier, used)
                    : List.of(exchange.attempt(connection, forms.get(index), earlier, used));
            earlier = "";
            for (Attempt attempt : attempts) {
                RelayForm form = forms.get(index);
                switch (attempt) {
                    case Finished finished -> {
                        judged.add(finished.judged());
                        retrying = false;
                        used = true;
                        index++;
                        testsInSession++;
                    }
                    case Broken broken -> {
                        connection.close();
                        connection = null;
                        lastProblem = broken.problem();
                        if (broken.budgetUsedUp() || retrying) {
                            judged.add(brokenTest(form, broken.transcript().text(), broken.problem()));
                            retrying = false;
                            index++;
                            stop = broken.budgetUsedUp() ? ended(index) : null;
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
                if (deadline.passed()) {
                    stop = ended(index) + ", while a probe message was sent";
                }
            }
        }
        if (retrying) {
            judged.add(brokenTest(forms.get(index), earlier + "-- not retried: " + stop + "\n", lastProblem));
            index++;
        }
        judged.addAll(notRun(forms.subList(index, forms.size()), opener.macros(), stop, ""));
        if (connection != null) {
            connection.quit();
        }
        return new Result(judged, stop);
    }

    /**
     * Tests that did not run because of {@code stop}; the first one's transcript starts with {@code earlier}, what the
     * conversation said before it stopped.
     */
    static List<JudgedTest> notRun(List<RelayForm> forms, RelayForm.Macros macros, String stop, String earlier) {
        List<JudgedTest> notRun = new ArrayList<>(forms.size());
        for (RelayForm form : forms) {
            RelayForm envelope = form.expand(macros);
            notRun.add(new JudgedTest(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(),
                    TestOutcome.NOT_RUN, (notRun.isEmpty() ? earlier : "") + "-- not run: " + stop + "\n", 0),
                    Refusal.NONE, stop));
        }
        return notRun;
    }

    private JudgedTest brokenTest(RelayForm form, String transcript, String problem) {
        RelayForm envelope = form.expand(opener.macros());
        return new JudgedTest(new TestResult(form.name(), envelope.mailFrom(), envelope.rcptTo(), TestOutcome.ERROR,
                transcript, 0), Refusal.NONE, problem);
    }

    /** Why the battery stops early: the budget ran out, or the probe was stopped. */
    private String ended(int testsRun) {
        String after = " after " + testsRun + " of " + settings.forms().size() + " tests";
        return deadline.stopped() || !deadline.passed() ? "the probe was stopped" + after
                : "host time budget of " + ProbeText.millis(settings.hostBudget()) + " ran out" + after;
    }
}
