package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConclusionTest {

    private static JudgedTest test(String form, TestOutcome outcome, Refusal refusal, String reason) {
        return new JudgedTest(new TestResult(form, "<relaytest@probe.lab>", "<relaytest@probe.lab>", outcome, "", 0),
                refusal, reason);
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
                test("quoted", TestOutcome.NOT_RUN, Refusal.NONE, "budget")), "budget", false, null);

        assertThat(conclusion.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(conclusion.detail()).isEqualTo("accepted relay test 'percent-ip' (RCPT TO:<relaytest@probe.lab>)"
                + " and 1 more");
    }

    @Test
    void aStoppedBatteryIsInconclusiveWithTheReasonItStopped() {
        Conclusion conclusion = Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.NOT_RUN, Refusal.NONE, "stopped")), "stopped after 1 of 2", false, null);

        assertThat(conclusion).isEqualTo(new Conclusion(Verdict.INCONCLUSIVE, "stopped after 1 of 2"));
    }

    @Test
    void deferredTestsMeanGreylistingAndBrokenOnesMeanNoJudgement() {
        assertThat(Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.TEMPFAIL, Refusal.NONE, "450 4.7.1 greylisted")), null, false, null))
                .isEqualTo(new Conclusion(Verdict.INCONCLUSIVE,
                        "1 of 2 tests deferred (450 4.7.1 greylisted); probably greylisting: scan again later"));
        assertThat(Conclusion.from(List.of(refused("plain", Refusal.POLICY, "550 no"),
                test("bang", TestOutcome.ERROR, Refusal.NONE, "no reply within 300 ms")), null, false, null))
                .isEqualTo(new Conclusion(Verdict.INCONCLUSIVE,
                        "1 of 2 tests could not be judged (no reply within 300 ms)"));
    }

    @Test
    void refusalsThatAllAskForAuthenticationOrTlsSaySo() {
        assertThat(Conclusion.from(refusedEverywhere(Refusal.AUTH, "530 auth"), null, false, null).verdict())
                .isEqualTo(Verdict.REQUIRES_AUTH);
        assertThat(Conclusion.from(refusedEverywhere(Refusal.TLS, "530 starttls"), null, false, "handshake failed"))
                .isEqualTo(new Conclusion(Verdict.REQUIRES_TLS, "refused every relay test until we start TLS"
                        + " (530 starttls); our TLS handshake failed: handshake failed"));
        assertThat(Conclusion.from(refusedEverywhere(Refusal.TLS, "530 starttls"), null, true, null).verdict())
                .as("over TLS already, a demand for TLS is no reason").isEqualTo(Verdict.SECURED);
    }

    @Test
    void everyTestRefusedIsSecured() {
        List<JudgedTest> judged = new ArrayList<>(refusedEverywhere(Refusal.POLICY, "550 5.7.1 denied"));
        judged.add(refused("bang", Refusal.AUTH, "530 auth"));
        Collections.reverse(judged);

        assertThat(Conclusion.from(judged, null, false, null))
                .isEqualTo(new Conclusion(Verdict.SECURED, "refused all 3 relay tests (530 auth)"));
    }
}
