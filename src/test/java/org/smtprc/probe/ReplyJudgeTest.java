package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtprc.probe.ReplyJudge.Judgement;

class ReplyJudgeTest {

    private static SmtpReply reply(int code, String text) {
        return new SmtpReply(code, List.of(text));
    }

    @Test
    void aPermanentRefusalAtAStageIsThatStagesRejectionByPolicy() {
        Judgement judgement = ReplyJudge.refusal(reply(550, "5.7.1 Relaying denied"), TestOutcome.REJECTED_AT_RCPT);

        assertThat(judgement.outcome()).isEqualTo(TestOutcome.REJECTED_AT_RCPT);
        assertThat(judgement.refusal()).isEqualTo(Refusal.POLICY);
        assertThat(judgement.closing()).isFalse();
    }

    @Test
    void fourHundredsAreDeferralsAnd421ClosesTheConnection() {
        assertThat(ReplyJudge.refusal(reply(450, "4.7.1 greylisted"), TestOutcome.REJECTED_AT_RCPT))
                .extracting(Judgement::outcome, Judgement::refusal, Judgement::closing)
                .containsExactly(TestOutcome.TEMPFAIL, Refusal.NONE, false);
        assertThat(ReplyJudge.refusal(reply(421, "4.7.0 too many errors"), TestOutcome.REJECTED_AT_RCPT))
                .extracting(Judgement::outcome, Judgement::closing)
                .containsExactly(TestOutcome.ERROR, true);
    }

    @Test
    void aPositiveReplyWhereARefusalWasExpectedIsAProtocolError() {
        assertThat(ReplyJudge.refusal(reply(250, "ok"), TestOutcome.REJECTED_AT_DATA).outcome())
                .isEqualTo(TestOutcome.ERROR);
    }

    @Test
    void refusalsThatAskForTlsOrAuthenticationSaySo() {
        assertThat(ReplyJudge.kindOf(reply(530, "5.7.0 Must issue a STARTTLS command first"))).isEqualTo(Refusal.TLS);
        assertThat(ReplyJudge.kindOf(reply(554, "5.7.1 STARTTLS required"))).isEqualTo(Refusal.TLS);
        assertThat(ReplyJudge.kindOf(reply(530, "5.7.0 Authentication required"))).isEqualTo(Refusal.AUTH);
        assertThat(ReplyJudge.kindOf(reply(535, "5.7.8 bad credentials"))).isEqualTo(Refusal.AUTH);
        assertThat(ReplyJudge.kindOf(reply(554, "5.7.1 Relay access denied: auth first"))).isEqualTo(Refusal.AUTH);
        assertThat(ReplyJudge.kindOf(reply(550, "5.7.1 Relaying denied"))).isEqualTo(Refusal.POLICY);
        assertThat(ReplyJudge.kindOf(reply(550, "no starttls here, no relaying"))).isEqualTo(Refusal.POLICY);
    }

    @Test
    void anEnvelopeIsJudgedAtMailFirstThenAtRcpt() {
        SmtpReply ok = reply(250, "2.0.0 ok");
        SmtpReply denied = reply(550, "5.7.1 Relaying denied");

        assertThat(ReplyJudge.envelope(List.of(ok, reply(553, "5.1.8 bad sender")), 0).outcome())
                .isEqualTo(TestOutcome.REJECTED_AT_RCPT);
        assertThat(ReplyJudge.envelope(List.of(ok, denied, ok), 1).outcome())
                .as("after RSET, MAIL's reply is the second").isEqualTo(TestOutcome.REJECTED_AT_MAIL);
        assertThat(ReplyJudge.envelope(List.of(denied), 0).outcome())
                .as("RCPT not sent after a refused MAIL").isEqualTo(TestOutcome.REJECTED_AT_MAIL);
        Judgement accepted = ReplyJudge.envelope(List.of(ok, ok, reply(250, "2.1.5 recipient ok")), 1);
        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.reply().summary()).isEqualTo("250 2.1.5 recipient ok");
    }
}
