package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.probe.ScriptedSmtpServer.DROP;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtprc.probe.SessionOpener.Opened;

class BatteryRunTest {

    /** Holds the host budgets of this class's probes. */
    private static final Watchdog WATCHDOG = new Watchdog();

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final List<RelayForm> QUICK = Battery.builtIn().profile("quick");
    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(5)).build();
    private static final String DENIED = "550 5.7.1 relaying denied";

    private ScriptedSmtpServer server;

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private BatteryRun.Result run(ScriptedSmtpServer.Script script) throws IOException {
        return run(script, HostConversation.Limits.defaults());
    }

    private BatteryRun.Result run(ScriptedSmtpServer.Script script, HostConversation.Limits limits)
            throws IOException {
        server = ScriptedSmtpServer.start(script);
        Deadline deadline = new Deadline(SETTINGS.hostBudget(), WATCHDOG);
        SessionOpener opener = new SessionOpener(server.endpoint(), SETTINGS, limits, deadline);
        SmtpConnection first = ((Opened) opener.open()).connection();
        return new BatteryRun(SETTINGS, limits, deadline, opener,
                new TestExchange(server.endpoint(), SETTINGS, limits, opener)).run(first);
    }

    private static List<TestOutcome> outcomes(BatteryRun.Result result) {
        return result.judged().stream().map(JudgedTest::outcome).toList();
    }

    @Test
    void everyFormIsJudgedInBatteryOrderAndTheSessionEndsWithQuit() throws IOException {
        BatteryRun.Result result = run(openRelayExcept(command -> command.startsWith("RCPT") ? DENIED : null));

        assertThat(result.stop()).isNull();
        assertThat(result.judged()).extracting(j -> j.result().form())
                .containsExactlyElementsOf(QUICK.stream().map(RelayForm::name).toList());
        assertThat(outcomes(result)).containsOnly(TestOutcome.REJECTED_AT_RCPT);
        assertThat(server.commands()).endsWith("QUIT");
    }

    @Test
    void aTestInterruptedTwiceIsAnErrorAndTheBatteryGoesOn() throws IOException {
        BatteryRun.Result result = run(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : command.contains("%") ? DROP : DENIED));

        assertThat(result.stop()).isNull();
        int percentIp = QUICK.stream().map(RelayForm::name).toList().indexOf("percent-ip");
        assertThat(outcomes(result).get(percentIp)).isEqualTo(TestOutcome.ERROR);
        assertThat(result.judged().get(percentIp).result().transcript())
                .contains("-- reconnected (1 of 2 allowed)");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void beyondTheReconnectAllowanceTheRestIsNotRun() throws IOException {
        AtomicInteger rcpts = new AtomicInteger();
        BatteryRun.Result result = run(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : rcpts.incrementAndGet() % 2 == 0 ? DROP : DENIED));

        assertThat(result.stop()).contains("more often than the 2 reconnects allowed");
        assertThat(outcomes(result)).contains(TestOutcome.NOT_RUN).hasSize(QUICK.size());
        assertThat(result.judged().getLast().result().transcript()).startsWith("-- not run: ");
    }

    @Test
    void anInterruptedProbeStopsBeforeItsNextTest() throws IOException {
        Thread.currentThread().interrupt();
        try {
            BatteryRun.Result result = run(openRelayExcept(command -> null));

            assertThat(result.stop()).isEqualTo("the probe was stopped after 0 of " + QUICK.size() + " tests");
            assertThat(outcomes(result)).containsOnly(TestOutcome.NOT_RUN);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void afterTheTestsOfASessionTheNextOnesGetANewSessionThatIsNoReconnect() throws IOException {
        HostConversation.Limits defaults = HostConversation.Limits.defaults();
        HostConversation.Limits twoPerSession = new HostConversation.Limits(0, 2, defaults.maxTranscriptChars(),
                defaults.maxBannerChars(), defaults.maxDetailChars(), defaults.maxReplyLineLength(),
                defaults.maxReplyLines(), defaults.quitWait());

        BatteryRun.Result result = run(openRelayExcept(command -> command.startsWith("EHLO")
                ? "250-mx.lab\r\n250 PIPELINING" : command.startsWith("RCPT") ? DENIED : null), twoPerSession);

        assertThat(result.stop()).as("no reconnect allowed, none needed").isNull();
        assertThat(outcomes(result)).hasSize(QUICK.size()).containsOnly(TestOutcome.REJECTED_AT_RCPT);
        assertThat(server.connections()).isEqualTo(QUICK.size() / 2);
        assertThat(server.commands().stream().filter("QUIT"::equals)).hasSize(QUICK.size() / 2);
        assertThat(result.judged().get(2).result().transcript())
                .startsWith("-- session 2: at most 2 tests per session, to stay within the server's error limits\n")
                .as("a new session starts without RSET").doesNotContain("C: RSET");
        assertThat(result.judged().get(3).result().transcript()).contains("C: RSET");
    }
}
