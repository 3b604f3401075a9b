package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.probe.ScriptedSmtpServer.CONNECT;
import static org.smtprc.probe.ScriptedSmtpServer.DROP;
import static org.smtprc.probe.ScriptedSmtpServer.SILENCE;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtprc.addresses.Endpoint;

class HostConversationTest {

    /** Holds the host budgets of this class's probes. */
    private static final Watchdog WATCHDOG = new Watchdog();

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final List<RelayForm> FULL = Battery.builtIn().profile("full");
    private static final int TESTS_PER_SESSION = HostConversation.Limits.defaults().testsPerSession();
    /** Sessions the full battery needs when nothing breaks off. */
    private static final int SESSIONS = (FULL.size() + TESTS_PER_SESSION - 1) / TESTS_PER_SESSION;
    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(5))
            .forms(FULL).build();

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

    private HostOutcome probe(ScriptedSmtpServer.Script script) throws IOException {
        return probe(script, SETTINGS);
    }

    private HostOutcome probe(ScriptedSmtpServer.Script script, ProbeSettings settings) throws IOException {
        server = ScriptedSmtpServer.start(script);
        return probe(server.endpoint(), settings);
    }

    private static HostOutcome probe(Endpoint target, ProbeSettings settings) {
        return new HostConversation(target, settings, HostConversation.Limits.defaults(), WATCHDOG).run();
    }

    private static List<TestOutcome> outcomes(HostOutcome report) {
        return report.tests().stream().map(TestResult::outcome).toList();
    }

    private static TestResult test(HostOutcome report, String form) {
        return report.tests().stream().filter(t -> t.form().equals(form)).findFirst().orElseThrow();
    }

    @Test
    void openRelayAcceptsEveryFormAndGetsOneMessage() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> null));

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(report.tests()).hasSize(FULL.size());
        assertThat(outcomes(report)).containsOnly(TestOutcome.ACCEPTED);
        assertThat(server.messages()).hasSize(1);
        assertThat(server.commands().stream().filter("DATA"::equals)).hasSize(1);
        assertThat(test(report, "plain").transcript()).contains("C: DATA");
        assertThat(report.tests().subList(1, FULL.size())).allSatisfy(t -> assertThat(t.transcript())
                .doesNotContain("C: DATA").contains("no message sent: the host already took the probe message of test 'plain'"));
        assertThat(report.banner()).isEqualTo("220 mx.lab ESMTP scripted");
        assertThat(report.capabilities()).isEqualTo("8BITMIME");
        assertThat(report.detail()).startsWith("accepted relay test 'plain'");
        assertThat(server.commands()).contains("QUIT");
    }

    @Test
    void messagePerFormSendsAMessageForEveryAcceptedForm() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> null),
                TestProbeSettings.from(SETTINGS).messagePerForm(true).build());

        assertThat(outcomes(report)).containsOnly(TestOutcome.ACCEPTED);
        assertThat(server.messages()).hasSize(FULL.size());
    }

    @Test
    void aMessageRefusedAtDataIsSentAgainWithTheNextAcceptedForm() throws IOException {
        AtomicInteger dots = new AtomicInteger();
        HostOutcome report = probe(openRelayExcept(command -> command.equals(ScriptedSmtpServer.MESSAGE) && dots.incrementAndGet() == 1
                ? "554 5.7.1 content rejected" : null), TestProbeSettings.from(SETTINGS).forms(FULL.subList(0, 3)).build());

        assertThat(outcomes(report)).containsExactly(TestOutcome.REJECTED_AT_DATA, TestOutcome.ACCEPTED,
                TestOutcome.ACCEPTED);
        assertThat(server.commands().stream().filter("DATA"::equals)).hasSize(2);
        assertThat(report.tests().get(2).transcript()).contains("already took the probe message of test '"
                + FULL.get(1).name() + "'");
    }

    @Test
    void closedServerIsSecuredAndTranscriptShowsTheConversation() throws IOException {
        HostOutcome report = probe(openRelayExcept(
                command -> command.startsWith("RCPT") ? "550 5.7.1 relaying denied" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.SECURED);
        assertThat(outcomes(report)).containsOnly(TestOutcome.REJECTED_AT_RCPT);
        assertThat(report.detail()).isEqualTo("refused all " + FULL.size()
                + " relay tests (550 5.7.1 relaying denied)");
        TestResult plain = test(report, "plain");
        assertThat(plain.mailFrom()).as("our own mailbox sends as its return address").isEqualTo(
                "<relaytest-return@probe.lab>");
        assertThat(plain.transcript()).containsPattern(
                "\\+\\d+ms C: MAIL FROM:<relaytest-return@probe.lab>\n\\+\\d+ms S: 250 2.0.0 ok\n"
                        + "\\+\\d+ms C: RCPT TO:<relaytest@probe.lab>\n\\+\\d+ms S: 550 5.7.1 relaying denied\n$");
        assertThat(test(report, "null-sender").transcript()).as("each later test starts with RSET")
                .containsPattern("^\\+\\d+ms C: RSET\n\\+\\d+ms S: 250 [^\n]*\n\\+\\d+ms C: MAIL FROM:<>\n");
        assertThat(server.commands()).doesNotContain("DATA");
    }

    @Test
    void oneLoopholeIsFoundAndNamed() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : command.equals("RCPT TO:<@[127.0.0.1]:relaytest@probe.lab>") ? "250 2.1.5 ok"
                : "550 5.7.1 relaying denied"));

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(report.detail()).isEqualTo(
                "accepted relay test 'source-route-ip' (RCPT TO:<@[127.0.0.1]:relaytest@probe.lab>)");
        assertThat(report.tests()).filteredOn(t -> t.outcome() == TestOutcome.ACCEPTED)
                .extracting(TestResult::form).containsExactly("source-route-ip");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void acceptingOnlyRecipientsAtItsOwnNameIsNoRelayFindingButStillGetsTheMessage() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : command.equals("RCPT TO:<relaytest%probe.lab@[127.0.0.1]>")
                || command.equals("RCPT TO:<relaytest%probe.lab@mx.lab>") ? "250 2.1.5 ok"
                : "550 5.7.1 relaying denied"));

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPTS_LOCAL_ONLY);
        assertThat(report.detail()).startsWith("no relay finding: it accepted only recipients it may take for its"
                + " own mailboxes").contains("percent-name <relaytest%probe.lab@mx.lab>, percent-ip;",
                "refused all 10 plainly foreign ones (550 5.7.1 relaying denied)");
        assertThat(test(report, "percent-name").transcript()).contains("C: DATA");
        assertThat(server.messages()).as("a message that comes back would still prove a relay").hasSize(1);
    }

    @Test
    void greylistingIsInconclusive() throws IOException {
        HostOutcome report = probe(openRelayExcept(
                command -> command.startsWith("RCPT") ? "450 4.7.1 greylisted, try again later" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcomes(report)).containsOnly(TestOutcome.TEMPFAIL);
        assertThat(report.detail()).contains("deferred (450 4.7.1 greylisted", "greylisting");
    }

    @Test
    void greetingCodesDecideBeforeAnyTest() throws IOException {
        HostOutcome busy = probe(command -> command.equals(CONNECT) ? "421 4.3.2 too busy" : "221 bye");
        server.close();
        HostOutcome blocked = probe(command -> command.equals(CONNECT) ? "554 5.7.1 no mail from you" : "221 bye");

        assertThat(busy.verdict()).isEqualTo(Verdict.TEMPORARILY_UNAVAILABLE);
        assertThat(busy.banner()).isEqualTo("421 4.3.2 too busy");
        assertThat(busy.tests()).isEmpty();
        assertThat(blocked.verdict()).isEqualTo(Verdict.REJECTED_AT_GREETING);
        assertThat(blocked.detail()).isEqualTo("greeting: 554 5.7.1 no mail from you");
        assertThat(blocked.verdict().live()).isTrue();
    }

    @Test
    void otherServicesAreNotSmtp() throws IOException {
        HostOutcome report = probe(command -> command.equals(CONNECT) ? "SSH-2.0-OpenSSH_9.6" : DROP);

        assertThat(report.verdict()).isEqualTo(Verdict.NOT_SMTP);
        assertThat(report.detail()).contains("SSH-2.0-OpenSSH_9.6");
    }

    @Test
    void silentServerGivesNoGreetingWithinTheTimeout() throws IOException {
        long start = System.nanoTime();
        HostOutcome report = probe(command -> SILENCE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.verdict()).isEqualTo(Verdict.NO_GREETING);
        assertThat(report.detail()).isEqualTo("no greeting within 300 ms");
        assertThat(millis).isBetween(250L, 1_000L);
    }

    /** A tarpit that begins a greeting and never ends it: one more byte every 20 ms, each well within a timeout. */
    private static Thread dripGreeting(ServerSocket listener) {
        return Thread.ofVirtual().start(() -> {
            try (Socket client = listener.accept(); OutputStream out = client.getOutputStream()) {
                out.write("220 ".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // the probe hung up, as it should
            }
        });
    }

    @Test
    void aGreetingDrippedByteByByteCannotOutlastTheTimeoutAndIsATarpit() throws Exception {
        try (ServerSocket dripper = new ServerSocket(0, 1, Loopback.ipv4(127, 0, 0, 1))) {
            Thread drip = dripGreeting(dripper);

            HostOutcome timedOut = probe(Loopback.endpoint(dripper.getLocalPort()), SETTINGS);
            drip.join(Duration.ofSeconds(2));
            assertThat(timedOut.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(timedOut.detail()).isEqualTo("greeting started but did not complete within 300 ms: tarpit");
            assertThat(timedOut.banner()).matches("220 x+");
            assertThat(drip.isAlive()).isFalse();
        }
    }

    @Test
    void aGreetingStillDrippingWhenTheBudgetEndsIsATarpit() throws Exception {
        try (ServerSocket dripper = new ServerSocket(0, 1, Loopback.ipv4(127, 0, 0, 1))) {
            Thread drip = dripGreeting(dripper);
            ProbeSettings shortBudget = TestProbeSettings.from(SETTINGS)
                    .timeouts(TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(400)).build();

            HostOutcome report = probe(Loopback.endpoint(dripper.getLocalPort()), shortBudget);
            drip.join(Duration.ofSeconds(2));
            assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(report.detail()).isEqualTo(
                    "greeting started but did not complete within the host time budget of 400 ms: tarpit");
        }
    }

    @Test
    void aMultiLineGreetingThatNeverEndsIsKeptAsFarAsItCameBoundedAndPrintable() throws Exception {
        try (ServerSocket trickler = new ServerSocket(0, 1, Loopback.ipv4(127, 0, 0, 1))) {
            Thread trickle = Thread.ofVirtual().start(() -> {
                try (Socket client = trickler.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("220-mx.lab ESMTP \u001b[2J\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    for (int line = 0; ; line++) {
                        out.write(("220-please wait " + line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the probe hung up, as it should
                }
            });

            HostOutcome report = probe(Loopback.endpoint(trickler.getLocalPort()), SETTINGS);
            trickle.join(Duration.ofSeconds(2));
            assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(report.detail()).endsWith(": tarpit");
            assertThat(report.banner()).startsWith("220-mx.lab ESMTP \\x1B[2J\n220-please wait 0\n220-please wait 1")
                    .doesNotContain("\u001b", "\r");
            assertThat(report.tests()).isEmpty();
        }
    }

    @Test
    void aSilentHostStaysWithoutGreetingWhenTheBudgetCutsTheWait() throws IOException {
        ProbeSettings shortBudget = TestProbeSettings.from(SETTINGS)
                .timeouts(TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(400)).build();

        HostOutcome report = probe(command -> SILENCE, shortBudget);

        assertThat(report.verdict()).isEqualTo(Verdict.NO_GREETING);
        assertThat(report.detail()).isEqualTo("no greeting within the host time budget of 400 ms");
        assertThat(report.banner()).isEmpty();
    }

    @Test
    void closedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket vacated = new ServerSocket(0, 1, Loopback.ipv4(127, 0, 0, 1))) {
            port = vacated.getLocalPort();
        }

        HostOutcome report = probe(Loopback.endpoint(port), SETTINGS);

        assertThat(report.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(report.verdict().live()).isFalse();
        assertThat(report.tests()).isEmpty();
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("EHLO") ? "502 5.5.1 no ESMTP"
                : command.startsWith("RCPT") ? "550 5.7.1 no" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.SECURED);
        assertThat(report.capabilities()).isEqualTo("(no ESMTP: HELO only)");
        assertThat(server.commands()).startsWith("EHLO probe.lab", "HELO probe.lab");
    }

    @Test
    void reconnectsAfterADropAndRetriesTheInterruptedTest() throws IOException {
        AtomicInteger rcpts = new AtomicInteger();
        HostOutcome report = probe(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : rcpts.incrementAndGet() == 3 ? DROP : "550 5.7.1 relaying denied"));

        assertThat(report.verdict()).isEqualTo(Verdict.SECURED);
        assertThat(outcomes(report)).hasSize(FULL.size()).containsOnly(TestOutcome.REJECTED_AT_RCPT);
        assertThat(server.connections()).as("a session per %d tests, and one reconnect", TESTS_PER_SESSION)
                .isEqualTo(SESSIONS + 1);
        assertThat(report.tests().get(2).transcript())
                .contains("-- connection closed by the server", "-- reconnected (1 of 2 allowed)");
    }

    @Test
    void serverClosingWith421LikePostfixAfterTooManyErrorsIsNotHeldAgainstIt() throws IOException {
        AtomicInteger rcpts = new AtomicInteger();
        HostOutcome report = probe(openRelayExcept(command -> !command.startsWith("RCPT") ? null
                : rcpts.incrementAndGet() % 10 == 0 ? "421 4.7.0 mx.lab Error: too many errors"
                : "550 5.7.1 relaying denied"));

        assertThat(report.verdict()).isEqualTo(Verdict.SECURED);
        assertThat(server.connections()).as("a session per %d tests, and two reconnects", TESTS_PER_SESSION)
                .isEqualTo(SESSIONS + 2);
    }

    @Test
    void givesUpAfterTheReconnectAllowanceAndLeavesTheRestNotRun() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("RCPT") ? DROP : null));

        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).contains("more often than the 2 reconnects allowed");
        assertThat(server.connections()).isEqualTo(3);
        assertThat(report.tests()).hasSize(FULL.size());
        assertThat(outcomes(report).subList(0, 2)).containsOnly(TestOutcome.ERROR);
        assertThat(outcomes(report).subList(2, FULL.size())).containsOnly(TestOutcome.NOT_RUN);
    }

    @Test
    void authenticationRequiredEverywhereIsRequiresAuth() throws IOException {
        HostOutcome report = probe(openRelayExcept(
                command -> command.startsWith("MAIL") ? "530 5.7.0 Authentication required" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.REQUIRES_AUTH);
        assertThat(outcomes(report)).containsOnly(TestOutcome.REJECTED_AT_MAIL);
        assertThat(server.commands()).noneMatch(c -> c.startsWith("RCPT"));
    }

    @Test
    void starttlsDemandedButNotOfferedIsRequiresTls() throws IOException {
        HostOutcome report = probe(openRelayExcept(
                command -> command.startsWith("MAIL") ? "530 5.7.0 Must issue a STARTTLS command first" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.REQUIRES_TLS);
        assertThat(report.detail()).endsWith("the server does not offer STARTTLS");
        assertThat(report.tls()).isFalse();
    }

    @Test
    void rcptOnlyModeNeverSendsData() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> null),
                TestProbeSettings.from(SETTINGS).rcptOnly(true).build());

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(outcomes(report)).containsOnly(TestOutcome.ACCEPTED);
        assertThat(server.commands()).doesNotContain("DATA");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void hostBudgetStopsATarpit() throws IOException {
        Duration budget = Duration.ofMillis(800);
        server = ScriptedSmtpServer.startSlow(openRelayExcept(
                command -> command.startsWith("RCPT") ? "550 5.7.1 no" : null), Duration.ofMillis(100));
        long start = System.nanoTime();

        HostOutcome report = probe(server.endpoint(),
                TestProbeSettings.from(SETTINGS).timeouts(TIMEOUT, TIMEOUT, budget).build());

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isLessThan(budget.toMillis() + 400);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).startsWith("host time budget of 800 ms ran out after");
        assertThat(outcomes(report)).contains(TestOutcome.REJECTED_AT_RCPT, TestOutcome.NOT_RUN);
    }

    @Test
    void pipelinesEachSessionsTestsWhenAdvertised() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("EHLO") ? "250-mx.lab\r\n250 PIPELINING"
                : command.startsWith("RCPT") ? "550 5.7.1 relaying denied" : null));
        List<String> pipelined = server.pipelinedCommands();
        server.close();
        probe(openRelayExcept(command -> null));

        assertThat(report.verdict()).isEqualTo(Verdict.SECURED);
        assertThat(pipelined)
                .as("each session's tests, their RSET, MAIL and RCPT in one group, the last RCPT ending it")
                .hasSize(3 * FULL.size() - 2 * SESSIONS)
                .allMatch(c -> c.startsWith("MAIL FROM:") || c.startsWith("RCPT TO:") || c.equals("RSET"));
        assertThat(test(report, FULL.get(1).name()).transcript())
                .contains("C: RSET", "C: MAIL FROM:", "C: RCPT TO:", "S: 550 5.7.1 relaying denied");
        assertThat(server.pipelinedCommands()).as("without PIPELINING every command waits for its reply")
                .isEmpty();
    }

    @Test
    void aPipeliningRelayGetsItsMessageInATransactionOfItsOwn() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("EHLO")
                ? "250-mx.lab\r\n250 PIPELINING" : null));

        assertThat(outcomes(report)).containsOnly(TestOutcome.ACCEPTED);
        assertThat(server.messages()).hasSize(1);
        assertThat(test(report, "plain").transcript())
                .contains("the probe message follows in a transaction of its own", "C: DATA");
        assertThat(test(report, FULL.get(1).name()).transcript()).doesNotContain("C: DATA")
                .contains("already took the probe message of test 'plain'");
    }

    @Test
    void aPipeliningServerThatHangsUpMidGroupHasTheRestRetriedOnANewConnection() throws IOException {
        AtomicInteger rcpts = new AtomicInteger();
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("EHLO")
                ? "250-mx.lab\r\n250 PIPELINING"
                : command.startsWith("RCPT") ? (rcpts.incrementAndGet() == 5 ? DROP : "550 5.7.1 relaying denied")
                : null));

        assertThat(report.verdict()).as(report.detail()).isEqualTo(Verdict.SECURED);
        assertThat(outcomes(report)).containsOnly(TestOutcome.REJECTED_AT_RCPT);
        assertThat(server.connections()).isEqualTo(SESSIONS + 1);
        assertThat(report.tests().get(4).transcript()).contains("-- reconnected");
    }

    @Test
    void dotStuffsTheMessageAndSummarisesItInTheTranscript() throws IOException {
        ProbeSettings settings = TestProbeSettings.from(SETTINGS).forms(FULL.subList(0, 1))
                .composer(ctx -> "Subject: test\r\n\r\n.leading dot\nbare line feed\r\n..two").build();

        HostOutcome report = probe(openRelayExcept(command -> null), settings);

        assertThat(server.messages()).containsExactly(
                List.of("Subject: test", "", "..leading dot", "bare line feed", "...two"));
        assertThat(report.tests().get(0).transcript()).contains("C: <message, ")
                .doesNotContain("leading dot");
    }

    @Test
    void usesTheAnnouncedNameOnlyWhenItIsAHostName() throws IOException {
        List<RelayForm> spoof = List.of(Battery.builtIn().forms().stream()
                .filter(f -> f.name().equals("spoof-postmaster")).findFirst().orElseThrow());
        HostOutcome named = probe(openRelayExcept(command -> null),
                TestProbeSettings.from(SETTINGS).forms(spoof).build());
        server.close();
        HostOutcome hostile = probe(openRelayExcept(command -> command.equals(CONNECT) ? "220 x>\\r\\nRSET ESMTP"
                : command.startsWith("EHLO") ? "250 <evil>" : null),
                        TestProbeSettings.from(SETTINGS).forms(spoof).build());

        assertThat(named.tests().get(0).mailFrom()).isEqualTo("<postmaster@mx.lab>");
        assertThat(hostile.tests().get(0).mailFrom()).isEqualTo("<postmaster@[127.0.0.1]>");
    }

    @Test
    void upgradesToTlsWhenOffered(@TempDir Path dir) throws Exception {
        SSLContext tls = LabCertificate.serverContext(dir);
        AtomicInteger ehlos = new AtomicInteger();
        server = ScriptedSmtpServer.startWithTls(openRelayExcept(command -> command.startsWith("EHLO")
                ? (ehlos.incrementAndGet() == 1 ? "250-mx.lab\r\n250 STARTTLS" : "250-mx.lab\r\n250 AUTH PLAIN")
                : command.equals("STARTTLS") ? "220 2.0.0 ready to start TLS" : null), tls);

        HostOutcome report = probe(server.endpoint(),
                TestProbeSettings.from(SETTINGS).forms(FULL.subList(0, 2)).build());

        assertThat(report.tls()).isTrue();
        assertThat(report.capabilities()).isEqualTo("AUTH PLAIN");
        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(server.commands()).startsWith("EHLO probe.lab", "STARTTLS", "EHLO probe.lab");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void failedTlsHandshakeFallsBackToPlainTextAndExplainsRequiresTls() throws IOException {
        HostOutcome report = probe(openRelayExcept(command -> command.startsWith("EHLO") ? "250-mx.lab\r\n250 STARTTLS"
                : command.equals("STARTTLS") ? "220 2.0.0 ready, but no TLS here"
                : command.startsWith("MAIL") ? "530 5.7.0 Must issue a STARTTLS command first" : null));

        assertThat(report.verdict()).isEqualTo(Verdict.REQUIRES_TLS);
        assertThat(report.detail()).contains("our TLS handshake failed");
        assertThat(report.tls()).isFalse();
        assertThat(server.connections()).as("a handshake that failed, then the sessions without TLS")
                .isEqualTo(1 + SESSIONS);
        assertThat(server.commands()).filteredOn("STARTTLS"::equals).hasSize(1);
    }

    /** Postfix behind postscreen greets a client it has just let through more briefly: the first greeting is the evidence. */
    @Test
    void theBannerIsTheFirstSessionsGreeting() throws IOException {
        AtomicInteger greetings = new AtomicInteger();
        HostOutcome outcome = probe(ScriptedSmtpServer.openRelayExcept(command -> switch (command.split(" ", 2)[0]) {
            case ScriptedSmtpServer.CONNECT -> greetings.getAndIncrement() == 0
                    ? "220-mx.lab ESMTP first part\r\n220 mx.lab ESMTP screened" : "220 mx.lab ESMTP again";
            case "RCPT" -> "554 5.7.1 Relay access denied";
            default -> null;
        }));

        assertThat(server.connections()).isEqualTo(SESSIONS);
        assertThat(outcome.banner()).contains("220-mx.lab ESMTP first part").contains("220 mx.lab ESMTP screened")
                .doesNotContain("again");
    }
}
