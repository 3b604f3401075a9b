package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConclusionTest {

    private static final RelayForm.Macros TARGET = new RelayForm.Macros("relaytest", "probe.lab",
            Loopback.endpoint(25), "mx.lab", "scanner.lab");

    private static JudgedTest test(String form, TestOutcome outcome, Refusal refusal, String reason) {
        return test(form, "<relaytest@probe.lab>", outcome, refusal, reason);
    }

    private static JudgedTest test(String form, String rcptTo, TestOutcome outcome, Refusal refusal, String reason) {
        return new JudgedTest(new TestResult(form, "<relaytest@probe.lab>", rcptTo, outcome, "", 0), refusal, reason);
    }

    private static JudgedTest refused(String form, Refusal refusal, String reason) {
        return test(form, TestOutcome.REJECTED_AT_RCPT, refusal, reason);
    }

    private static List<JudgedTest> refusedEverywhere(Refusal refusal, String reason) {
        return List.of(refused("plain", refusal, reason), refused("null-sender", refusal, reason));
    }

    @Test
    void anAcceptedTestMakesARelaySuspectWhateverElseHappened() {
        Conclusion conclusion = Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("percent-ip", TestOutcome.ACCEPTED, Refusal.NONE, "250 ok"),
                test("bang", TestOutcome.ACCEPTED, Refusal.NONE, "250 ok"),
                test("quoted", TestOutcome.NOT_RUN, Refusal.NONE, "budget")), "budget", false, null, TARGET);

        assertThat(conclusion.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(conclusion.detail()).as("the finding first, then why the battery stopped early")
                .isEqualTo("accepted relay test 'percent-ip' (RCPT TO:<relaytest@probe.lab>) and 1 more; then budget");
    }

    @Test
    void aStoppedBatteryIsInconclusiveWithTheReasonItStopped() {
        Conclusion conclusion = Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.NOT_RUN, Refusal.NONE, "stopped")), "stopped after 1 of 2", false, null,
                TARGET);

        assertThat(conclusion).isEqualTo(new Conclusion(Verdict.INCONCLUSIVE, "stopped after 1 of 2; it refused"
                + " all 1 tests it ran, but one of the other 1 may be the loophole it relays, so it is not judged"
                + " secured"));
    }

    @Test
    void aHostThatRefusedEverythingItRanBeforeTheBudgetRanOutIsNotSecured() {
        List<JudgedTest> judged = List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("null-sender", TestOutcome.REJECTED_AT_MAIL, Refusal.POLICY, "553 no"),
                test("percent-ip", TestOutcome.ERROR, Refusal.NONE, "host time budget used up"),
                test("bang", TestOutcome.NOT_RUN, Refusal.NONE, "budget"));

        assertThat(Conclusion.from(judged, "host time budget of 800 ms ran out after 3 of 4 tests", false, null,
                TARGET)).isEqualTo(new Conclusion(Verdict.INCONCLUSIVE, "host time budget of 800 ms ran out after"
                + " 3 of 4 tests; it refused all 2 tests it ran, but one of the other 2 may be the loophole it relays,"
                + " so it is not judged secured"));
        assertThat(Conclusion.from(List.of(test("plain", TestOutcome.TEMPFAIL, Refusal.NONE, "450 later"),
                test("bang", TestOutcome.NOT_RUN, Refusal.NONE, "budget")), "budget ran out", false, null, TARGET))
                .as("a deferral is no refusal").isEqualTo(new Conclusion(Verdict.INCONCLUSIVE, "budget ran out"));
    }

    @Test
    void deferredTestsMeanGreylistingAndBrokenOnesMeanNoJudgement() {
        assertThat(Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.TEMPFAIL, Refusal.NONE, "450 4.7.1 greylisted")), null, false, null, TARGET))
                .isEqualTo(new Conclusion(Verdict.INCONCLUSIVE,
                        "1 of 2 tests deferred (450 4.7.1 greylisted); probably greylisting: scan again later"));
        assertThat(Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.ERROR, Refusal.NONE, "no reply within 300 ms")), null, false, null, TARGET))
                .isEqualTo(new Conclusion(Verdict.INCONCLUSIVE,
                        "1 of 2 tests could not be judged (no reply within 300 ms)"));
    }

    @Test
    void refusalsThatAllAskForAuthenticationOrTlsSaySo() {
        assertThat(Conclusion.from(refusedEverywhere(Refusal.AUTH, "530 auth"), null, false, null, TARGET)
                .verdict())
                .isEqualTo(Verdict.REQUIRES_AUTH);
        assertThat(Conclusion.from(refusedEverywhere(Refusal.TLS, "530 starttls"), null, false, "handshake failed",
                TARGET))
                .isEqualTo(new Conclusion(Verdict.REQUIRES_TLS, "refused every relay test until we start TLS"
                        + " (530 starttls); our TLS handshake failed: handshake failed"));
        assertThat(Conclusion.from(refusedEverywhere(Refusal.TLS, "530 starttls"), null, true, null, TARGET)
                .verdict())
                .as("over TLS already, a demand for TLS is no reason").isEqualTo(Verdict.SECURED);
    }

    @Test
    void everyTestRefusedIsSecured() {
        List<JudgedTest> judged = new ArrayList<>(refusedEverywhere(Refusal.POLICY, "550 5.7.1 denied"));
        judged.add(refused("bang", Refusal.AUTH, "530 auth"));
        Collections.reverse(judged);

        assertThat(Conclusion.from(judged, null, false, null, TARGET))
                .isEqualTo(new Conclusion(Verdict.SECURED, "refused all 3 relay tests (530 auth)"));
    }

    @Test
    void acceptingOnlyItsOwnMailboxesWhileRefusingEveryForeignRecipientIsNoRelayFinding() {
        List<JudgedTest> judged = List.of(refused("plain", Refusal.POLICY, "550 5.7.1 Relaying denied"),
                test("spoof", TestOutcome.REJECTED_AT_MAIL, Refusal.POLICY, "553 sender refused"),
                test("percent-name", "<relaytest%probe.lab@mx.lab>", TestOutcome.ACCEPTED, Refusal.NONE, "250 ok"),
                test("bang", "<probe.lab!relaytest>", TestOutcome.ACCEPTED, Refusal.NONE, "250 ok"),
                test("quoted-ip", "<\"relaytest@probe.lab\"@[127.0.0.1]>", TestOutcome.REJECTED_AT_RCPT,
                        Refusal.POLICY, "550 no"));

        Conclusion conclusion = Conclusion.from(judged, null, false, null, TARGET);

        assertThat(conclusion.verdict()).isEqualTo(Verdict.ACCEPTS_LOCAL_ONLY);
        assertThat(conclusion.verdict().relays()).isFalse();
        assertThat(conclusion.detail()).isEqualTo("no relay finding: it accepted only recipients it may take for"
                + " its own mailboxes (no domain, or its own name or address literal after the last '@'):"
                + " percent-name <relaytest%probe.lab@mx.lab>, bang; and refused all 2 plainly foreign ones"
                + " (550 5.7.1 Relaying denied)");
    }

    @Test
    void aLocalLookingAcceptanceStaysARelaySuspectUnlessEveryForeignRecipientWasSurelyRefused() {
        JudgedTest local = test("percent-ip", "<relaytest%probe.lab@[127.0.0.1]>", TestOutcome.ACCEPTED,
                Refusal.NONE, "250 ok");
        JudgedTest refusedAtRcpt = refused("plain", Refusal.POLICY, "550 no");

        assertThat(Conclusion.from(List.of(local, test("source-route-ip", "<@[127.0.0.1]:relaytest@probe.lab>",
                TestOutcome.ACCEPTED, Refusal.NONE, "250 ok")), null, false, null, TARGET).verdict())
                .as("a foreign recipient accepted").isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(Conclusion.from(List.of(local), null, false, null, TARGET).verdict())
                .as("no foreign recipient tried").isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(Conclusion.from(List.of(local, test("null-sender", TestOutcome.REJECTED_AT_MAIL, Refusal.POLICY,
                "553 no")), null, false, null, TARGET).verdict())
                .as("refused only at MAIL, which says nothing of the recipient").isEqualTo(Verdict.ACCEPTS_RELAY);
        for (TestOutcome undecided : List.of(TestOutcome.TEMPFAIL, TestOutcome.ERROR, TestOutcome.NOT_RUN,
                TestOutcome.REJECTED_AT_DATA)) {
            assertThat(Conclusion.from(List.of(local, refusedAtRcpt, test("null-sender", undecided, Refusal.NONE,
                    "?")), "stop", false, null, TARGET).verdict()).as("a foreign test %s", undecided)
                    .isEqualTo(Verdict.ACCEPTS_RELAY);
        }
    }
}
