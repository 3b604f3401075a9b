package org.smtprc.proof;

import org.smtprc.receiver.SmtpReceiver;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AnonymityJudgeTest {

    private final AnonymityJudge judge = new AnonymityJudge();
    private final AnonymityJudge.ScannerTraces scanner =
            new AnonymityJudge.ScannerTraces(Set.of("127.0.0.1"), Set.of("scanner.smtprc.test"));

    private static final String OURS = "Received: from relay.example ([127.0.1.1])\r\n\tby probe.smtprc.test "
            + SmtpReceiver.OWN_TRACE_MARK + " with ESMTP id 1;\r\n\tSun, 29 Nov 2026 03:00:00 GMT\r\n";

    @Test
    void aPostfixStyleRelayLineNamingTheScannerIsNotAnonymous() {
        String message = OURS + "Received: from scanner.smtprc.test (unknown [127.0.0.1])\r\n"
                + "\tby relay.example (Postfix) with ESMTP id 4F1;\r\n\tSun, 29 Nov 2026 02:59:59 +0000\r\n"
                + "Subject: test\r\n\r\nbody from 127.0.0.1\r\n";
        AnonymityJudge.Judgement judgement = judge.judge(message, scanner);
        assertThat(judgement.anonymous()).isFalse();
        assertThat(judgement.reasoning()).contains("scanner.smtprc.test").doesNotContain("SmtpRC receiver");
    }

    @Test
    void aRelayThatStripsEveryTraceIsAnonymous() {
        String message = OURS + "Subject: test\r\nFrom: x@example\r\n\r\nToken\r\n";
        AnonymityJudge.Judgement judgement = judge.judge(message, scanner);
        assertThat(judgement.anonymous()).isTrue();
        assertThat(judgement.reasoning()).contains("no Received");
    }

    @Test
    void aRewrittenReceivedLineWithAnotherAddressIsAnonymous() {
        String message = OURS + "Received: from mail.example (mail.example [127.0.0.10])\r\n\tby relay.example;"
                + " Sun, 29 Nov 2026 02:59:59 +0000\r\nSubject: t\r\n\r\n";
        assertThat(judge.judge(message, scanner).anonymous()).isTrue();
    }

    @Test
    void anOriginatingIpHeaderGivesTheScannerAway() {
        String message = OURS + "X-Originating-IP: [127.0.0.1]\r\nSubject: t\r\n\r\n";
        AnonymityJudge.Judgement judgement = judge.judge(message, scanner);
        assertThat(judgement.anonymous()).isFalse();
        assertThat(judgement.reasoning()).contains("127.0.0.1");
    }

    @Test
    void ourOwnReceiverLineNeverCounts() {
        String message = "Received: from scanner.smtprc.test ([127.0.0.1])\r\n\tby probe "
                + SmtpReceiver.OWN_TRACE_MARK + " with ESMTP id 2;\r\n\tdate\r\nSubject: t\r\n\r\n";
        assertThat(judge.judge(message, scanner).anonymous()).isTrue();
    }
}
