package org.smtprc.scan;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.TestOutcome;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestResultCodecTest {

    private static final String HOSTILE = "+3ms S: 250 ok 12:~ \\x00 <script> 5:abcde ~\n+4ms C: RSET";

    @Test
    void everyFieldComesBackWhateverTheTranscriptSays() {
        TestResult plain = new TestResult(0, "plain", "<a@b>", "<relaytest@probe.test>", TestOutcome.ACCEPTED,
                HOSTILE, 42);
        plain.confirm(Instant.parse("2026-11-29T06:00:00Z"), "Received: from x\r\n", true, "no trace of us");
        TestResult refused = new TestResult(1, "percent", null, "", TestOutcome.REJECTED_AT_RCPT, "", 0);

        List<TestResult> back = TestResultCodec.decode(TestResultCodec.encode(List.of(plain, refused), 10_000));

        assertThat(back).hasSize(2);
        TestResult first = back.get(0);
        assertThat(first.getOrdinal()).isZero();
        assertThat(first.getForm()).isEqualTo("plain");
        assertThat(first.getMailFrom()).isEqualTo("<a@b>");
        assertThat(first.getTranscript()).isEqualTo(HOSTILE);
        assertThat(first.getDurationMs()).isEqualTo(42);
        assertThat(first.getConfirmedAt()).isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
        assertThat(first.getAnonymous()).isTrue();
        assertThat(first.getAnonymityReasoning()).isEqualTo("no trace of us");
        assertThat(first.getReceivedHeaders()).isEqualTo("Received: from x\r\n");
        TestResult second = back.get(1);
        assertThat(second.getMailFrom()).isNull();
        assertThat(second.getRcptTo()).isEmpty();
        assertThat(second.getOutcome()).isEqualTo(TestOutcome.REJECTED_AT_RCPT);
        assertThat(second.getConfirmedAt()).isNull();
        assertThat(second.getAnonymous()).isNull();
    }

    @Test
    void transcriptsAreCutAlikeToFitTheColumn() {
        String longTranscript = "x".repeat(TestResult.TRANSCRIPT_LIMIT);
        List<TestResult> tests = java.util.stream.IntStream.range(0, 22)
                .mapToObj(i -> new TestResult(i, "form" + i, "<a@b>", "<c@d>", TestOutcome.REJECTED_AT_RCPT,
                        longTranscript, 1))
                .toList();

        String text = TestResultCodec.encode(tests, 100_000);

        assertThat(text.length()).isLessThanOrEqualTo(100_000);
        List<TestResult> back = TestResultCodec.decode(text);
        assertThat(back).hasSize(22);
        assertThat(back).allSatisfy(t -> assertThat(t.getTranscript()).endsWith("[truncated]")
                .hasSizeGreaterThan(4_000));
    }

    @Test
    void noTestsIsEmptyText() {
        assertThat(TestResultCodec.encode(List.of(), 100)).isEmpty();
        assertThat(TestResultCodec.decode("")).isEmpty();
        assertThat(TestResultCodec.decode(null)).isEmpty();
    }
}
