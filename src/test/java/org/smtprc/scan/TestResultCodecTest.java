package org.smtprc.scan;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.TestOutcome;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void packedTestsComeBackAndTakeAFractionOfTheirText() {
        List<TestResult> tests = battery("+0ms C: MAIL FROM:<relaytest@probe.smtprc.invalid>\n"
                + "+0ms C: RCPT TO:<relaytest%probe.smtprc.invalid@[127.0.0.1]>\n"
                + "+21ms S: 550 5.7.1 <relaytest%probe.smtprc.invalid@[127.0.0.1]>: Relay access denied\n");
        tests.get(0).confirm(Instant.parse("2026-11-29T06:00:00Z"), "Received: from x\r\n", false, "our trace");

        byte[] packed = TestResultCodec.pack(tests, HostResult.TESTS_LIMIT);

        assertThat(packed.length).isLessThan(TestResultCodec.encode(tests, HostResult.TESTS_LIMIT).length() / 4);
        List<TestResult> back = TestResultCodec.unpack(packed);
        assertThat(back).hasSize(tests.size());
        assertThat(back.get(0).getReceivedHeaders()).isEqualTo("Received: from x\r\n");
        assertThat(back.get(21).getTranscript()).isEqualTo(tests.get(21).getTranscript());
    }

    @Test
    void packedTestsFitTheColumnEvenWhenTheirTranscriptsDoNotCompress() {
        java.util.Random random = new java.util.Random(5);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < TestResult.TRANSCRIPT_LIMIT; i++) {
            noise.append((char) (0x21 + random.nextInt(0x5e)));
        }
        List<TestResult> tests = battery(noise.toString());

        byte[] packed = TestResultCodec.pack(tests, 20_000);

        assertThat(packed.length).isLessThanOrEqualTo(20_000);
        assertThat(TestResultCodec.unpack(packed)).hasSize(22)
                .allSatisfy(t -> assertThat(t.getTranscript()).endsWith("[truncated]"));
    }

    @Test
    void damagedOrForeignBytesAreReportedNotMisread() {
        byte[] packed = TestResultCodec.pack(battery("+0ms C: RSET\n"), HostResult.TESTS_LIMIT);

        assertThatThrownBy(() -> TestResultCodec.unpack(java.util.Arrays.copyOf(packed, packed.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> TestResultCodec.unpack("1:0~".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format");
        assertThat(TestResultCodec.pack(List.of(), 100)).isEmpty();
        assertThat(TestResultCodec.unpack(new byte[0])).isEmpty();
        assertThat(TestResultCodec.unpack(null)).isEmpty();
    }

    private static List<TestResult> battery(String transcript) {
        return java.util.stream.IntStream.range(0, 22)
                .mapToObj(i -> new TestResult(i, "form" + i, "<relaytest@probe.smtprc.invalid>", "<c" + i + "@d>",
                        TestOutcome.REJECTED_AT_RCPT, transcript, 21))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    @Test
    void noTestsIsEmptyText() {
        assertThat(TestResultCodec.encode(List.of(), 100)).isEmpty();
        assertThat(TestResultCodec.decode("")).isEmpty();
        assertThat(TestResultCodec.decode(null)).isEmpty();
    }
}
