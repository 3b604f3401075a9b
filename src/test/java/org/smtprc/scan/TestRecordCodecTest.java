package org.smtprc.scan;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.TestOutcome;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRecordCodecTest {

    private static final String HOSTILE = "+3ms S: 250 ok 12:~ \\x00 <script> 5:abcde ~\n+4ms C: RSET";

    @Test
    void everyFieldComesBackWhateverTheTranscriptSays() {
        TestRecord plain = new TestRecord(0, "plain", "<a@b>", "<relaytest@probe.test>", TestOutcome.ACCEPTED,
                HOSTILE, 42);
        plain.confirm(Instant.parse("2026-11-29T06:00:00Z"), "Received: from x\r\n", true, "no trace of us");
        TestRecord refused = new TestRecord(1, "percent", null, "", TestOutcome.REJECTED_AT_RCPT, "", 0);

        List<TestRecord> back = TestRecordCodec.decode(TestRecordCodec.encode(List.of(plain, refused), 10_000));

        assertThat(back).hasSize(2);
        TestRecord first = back.get(0);
        assertThat(first.getOrdinal()).isZero();
        assertThat(first.getForm()).isEqualTo("plain");
        assertThat(first.getMailFrom()).isEqualTo("<a@b>");
        assertThat(first.getTranscript()).isEqualTo(HOSTILE);
        assertThat(first.getDurationMs()).isEqualTo(42);
        assertThat(first.getConfirmedAt()).isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
        assertThat(first.getAnonymous()).isTrue();
        assertThat(first.getAnonymityReasoning()).isEqualTo("no trace of us");
        assertThat(first.getReceivedHeaders()).isEqualTo("Received: from x\r\n");
        TestRecord second = back.get(1);
        assertThat(second.getMailFrom()).isNull();
        assertThat(second.getRcptTo()).isEmpty();
        assertThat(second.getOutcome()).isEqualTo(TestOutcome.REJECTED_AT_RCPT);
        assertThat(second.getConfirmedAt()).isNull();
        assertThat(second.getAnonymous()).isNull();
    }

    @Test
    void transcriptsAreCutAlikeToFitTheColumn() {
        String longTranscript = "x".repeat(TestRecord.TRANSCRIPT_LIMIT);
        List<TestRecord> tests = java.util.stream.IntStream.range(0, 22)
                .mapToObj(i -> new TestRecord(i, "form" + i, "<a@b>", "<c@d>", TestOutcome.REJECTED_AT_RCPT,
                        longTranscript, 1))
                .toList();

        String text = TestRecordCodec.encode(tests, 100_000);

        assertThat(text.length()).isLessThanOrEqualTo(100_000);
        List<TestRecord> back = TestRecordCodec.decode(text);
        assertThat(back).hasSize(22);
        assertThat(back).allSatisfy(t -> assertThat(t.getTranscript()).endsWith("[truncated]")
                .hasSizeGreaterThan(4_000));
    }

    @Test
    void packedTestsComeBackAndTakeAFractionOfTheirText() {
        List<TestRecord> tests = battery("+0ms C: MAIL FROM:<relaytest@probe.smtprc.invalid>\n"
                + "+0ms C: RCPT TO:<relaytest%probe.smtprc.invalid@[127.0.0.1]>\n"
                + "+21ms S: 550 5.7.1 <relaytest%probe.smtprc.invalid@[127.0.0.1]>: Relay access denied\n");
        tests.get(0).confirm(Instant.parse("2026-11-29T06:00:00Z"), "Received: from x\r\n", false, "our trace");

        byte[] packed = TestRecordCodec.pack(tests, HostRecord.TESTS_LIMIT);

        assertThat(packed.length).isLessThan(TestRecordCodec.encode(tests, HostRecord.TESTS_LIMIT).length() / 4);
        List<TestRecord> back = TestRecordCodec.unpack(packed);
        assertThat(back).hasSize(tests.size());
        assertThat(back.get(0).getReceivedHeaders()).isEqualTo("Received: from x\r\n");
        assertThat(back.get(21).getTranscript()).isEqualTo(tests.get(21).getTranscript());
    }

    @Test
    void packedTestsFitTheColumnEvenWhenTheirTranscriptsDoNotCompress() {
        java.util.Random random = new java.util.Random(5);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < TestRecord.TRANSCRIPT_LIMIT; i++) {
            noise.append((char) (0x21 + random.nextInt(0x5e)));
        }
        List<TestRecord> tests = battery(noise.toString());

        byte[] packed = TestRecordCodec.pack(tests, 20_000);

        assertThat(packed.length).isLessThanOrEqualTo(20_000);
        assertThat(TestRecordCodec.unpack(packed)).hasSize(22)
                .allSatisfy(t -> assertThat(t.getTranscript()).endsWith("[truncated]"));
    }

    @Test
    void damagedOrForeignBytesAreReportedNotMisread() {
        byte[] packed = TestRecordCodec.pack(battery("+0ms C: RSET\n"), HostRecord.TESTS_LIMIT);

        assertThatThrownBy(() -> TestRecordCodec.unpack(java.util.Arrays.copyOf(packed, packed.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> TestRecordCodec.unpack("1:0~".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format");
        assertThat(TestRecordCodec.pack(List.of(), 100)).isEmpty();
        assertThat(TestRecordCodec.unpack(new byte[0])).isEmpty();
        assertThat(TestRecordCodec.unpack(null)).isEmpty();
    }

    private static List<TestRecord> battery(String transcript) {
        return java.util.stream.IntStream.range(0, 22)
                .mapToObj(i -> new TestRecord(i, "form" + i, "<relaytest@probe.smtprc.invalid>", "<c" + i + "@d>",
                        TestOutcome.REJECTED_AT_RCPT, transcript, 21))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    @Test
    void noTestsIsEmptyText() {
        assertThat(TestRecordCodec.encode(List.of(), 100)).isEmpty();
        assertThat(TestRecordCodec.decode("")).isEmpty();
        assertThat(TestRecordCodec.decode(null)).isEmpty();
    }
}
