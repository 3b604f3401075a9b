package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.probe.ScriptedSmtpServer.DROP;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtprc.probe.SessionOpener.Opened;
import org.smtprc.probe.TestExchange.Attempt;
import org.smtprc.probe.TestExchange.Broken;
import org.smtprc.probe.TestExchange.Finished;

class TestExchangeTest {

    /** Holds the host budgets of this class's probes. */
    private static final Watchdog WATCHDOG = new Watchdog();

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final List<RelayForm> QUICK = Battery.builtIn().profile("quick");
    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(5)).build();
    private static final String PIPELINING = "250-mx.lab\r\n250 PIPELINING";

    private ScriptedSmtpServer server;
    private SmtpConnection connection;
    private TestExchange exchange;

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @AfterEach
    void stopServer() throws IOException {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void session(ScriptedSmtpServer.Script script, ProbeSettings settings) throws IOException {
        server = ScriptedSmtpServer.start(script);
        HostConversation.Limits limits = HostConversation.Limits.defaults();
        SessionOpener opener = new SessionOpener(server.endpoint(), settings, limits,
                new Deadline(settings.hostBudget(), WATCHDOG));
        connection = ((Opened) opener.open()).connection();
        exchange = new TestExchange(server.endpoint(), settings, limits, opener);
    }

    private static JudgedTest judged(Attempt attempt) {
        return ((Finished) attempt).judged();
    }

    @Test
    void oneByOneARefusedMailIsNotFollowedByRcpt() throws IOException {
        session(openRelayExcept(command -> command.startsWith("MAIL") ? "550 5.7.1 no senders from you" : null),
                SETTINGS);

        JudgedTest test = judged(exchange.attempt(connection, QUICK.getFirst(), "", false));

        assertThat(test.outcome()).isEqualTo(TestOutcome.REJECTED_AT_MAIL);
        assertThat(test.refusal()).isEqualTo(Refusal.POLICY);
        assertThat(test.reason()).isEqualTo("550 5.7.1 no senders from you");
        assertThat(server.commands()).noneMatch(c -> c.startsWith("RCPT"));
    }

    @Test
    void anAcceptedTestCarriesTheMessageAndTheNextOneDoesNot() throws IOException {
        session(openRelayExcept(command -> null), SETTINGS);

        JudgedTest first = judged(exchange.attempt(connection, QUICK.get(0), "", false));
        JudgedTest second = judged(exchange.attempt(connection, QUICK.get(1), "", true));

        assertThat(first.outcome()).isEqualTo(TestOutcome.ACCEPTED);
        assertThat(first.result().transcript()).contains("C: DATA", "C: <message, ");
        assertThat(second.outcome()).isEqualTo(TestOutcome.ACCEPTED);
        assertThat(second.result().transcript()).startsWith("+").contains("C: RSET")
                .contains("already took the probe message of test 'plain'").doesNotContain("C: DATA");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void aServerClosingWith421BreaksTheAttemptOff() throws IOException {
        session(openRelayExcept(command -> command.startsWith("RCPT") ? "421 4.7.0 too many errors" : null),
                SETTINGS);

        Attempt attempt = exchange.attempt(connection, QUICK.getFirst(), "-- earlier\n", false);

        assertThat(attempt).isInstanceOf(Broken.class);
        Broken broken = (Broken) attempt;
        assertThat(broken.problem()).isEqualTo("server closing: 421 4.7.0 too many errors");
        assertThat(broken.budgetUsedUp()).isFalse();
        assertThat(broken.transcript().text()).startsWith("-- earlier\n");
    }

    @Test
    void aPipelinedGroupIsJudgedTestByTestInOneWrite() throws IOException {
        session(openRelayExcept(command -> command.startsWith("EHLO") ? PIPELINING
                : command.startsWith("RCPT") ? "550 5.7.1 relaying denied" : null), SETTINGS);

        List<Attempt> attempts = exchange.screen(connection, QUICK, "", false);

        assertThat(attempts).hasSize(QUICK.size()).allSatisfy(a -> assertThat(judged(a).outcome())
                .isEqualTo(TestOutcome.REJECTED_AT_RCPT));
        assertThat(server.pipelinedCommands()).hasSize(3 * QUICK.size() - 2);
        assertThat(judged(attempts.get(1)).result().transcript()).contains("C: RSET", "C: MAIL FROM:<>");
    }

    @Test
    void aPipelinedGroupThatBreaksOffEndsWithTheBrokenTest() throws IOException {
        session(openRelayExcept(command -> command.startsWith("EHLO") ? PIPELINING
                : command.equals("RCPT TO:<relaytest%probe.lab@[127.0.0.1]>") ? DROP
                : command.startsWith("RCPT") ? "550 5.7.1 relaying denied" : null), SETTINGS);

        List<Attempt> attempts = exchange.screen(connection, QUICK, "", false);

        int percentIp = QUICK.stream().map(RelayForm::name).toList().indexOf("percent-ip");
        assertThat(attempts).hasSize(percentIp + 1);
        assertThat(attempts.subList(0, percentIp)).allMatch(a -> a instanceof Finished);
        assertThat(attempts.getLast()).isInstanceOf(Broken.class);
    }

    @Test
    void anAcceptedEnvelopeInAGroupGetsItsMessageInATransactionOfItsOwn() throws IOException {
        session(openRelayExcept(command -> command.startsWith("EHLO") ? PIPELINING : null), SETTINGS);

        List<Attempt> attempts = exchange.screen(connection, QUICK.subList(0, 2), "", false);

        assertThat(judged(attempts.get(0)).result().transcript())
                .contains("the probe message follows in a transaction of its own", "C: DATA");
        assertThat(judged(attempts.get(1)).result().transcript()).doesNotContain("C: DATA");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void rcptOnlyNeverSendsData() throws IOException {
        session(openRelayExcept(command -> null), TestProbeSettings.from(SETTINGS).rcptOnly(true).build());

        JudgedTest test = judged(exchange.attempt(connection, QUICK.getFirst(), "", false));

        assertThat(test.outcome()).isEqualTo(TestOutcome.ACCEPTED);
        assertThat(server.commands()).doesNotContain("DATA");
    }
}
