package org.smtprc.scan;

import org.smtprc.probe.TestOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's tests as one text column. Every field is written as its length, a colon and the characters ({@code ~}
 * for none), so whatever a transcript contains, it cannot be mistaken for structure when read back.
 */
final class TestResultCodec {

    private static final int FIELDS = 11;
    private static final char NONE = '~';

    private TestResultCodec() {
    }

    /** The tests as text of at most {@code limit} characters; transcripts are shortened alike if need be. */
    static String encode(List<TestResult> tests, int limit) {
        String text = encodeCutting(tests, Integer.MAX_VALUE);
        if (text.length() <= limit || tests.isEmpty()) {
            return text;
        }
        int transcripts = tests.stream().mapToInt(t -> t.getTranscript() == null ? 0 : t.getTranscript().length()).sum();
        int everythingElse = text.length() - transcripts;
        // every transcript gets an equal share of the room left, less a little for the longer cut markers
        return encodeCutting(tests, Math.max(32, (limit - everythingElse) / tests.size() - 32));
    }

    private static String encodeCutting(List<TestResult> tests, int transcriptLimit) {
        StringBuilder out = new StringBuilder(1024 * tests.size());
        for (TestResult t : tests) {
            field(out, Integer.toString(t.getOrdinal()));
            field(out, t.getForm());
            field(out, t.getMailFrom());
            field(out, t.getRcptTo());
            field(out, t.getOutcome().name());
            field(out, Bounded.text(t.getTranscript(), transcriptLimit));
            field(out, Long.toString(t.getDurationMs()));
            field(out, t.getConfirmedAt() == null ? null : t.getConfirmedAt().toString());
            field(out, t.getAnonymous() == null ? null : t.getAnonymous().toString());
            field(out, t.getAnonymityReasoning());
            field(out, t.getReceivedHeaders());
        }
        return out.toString();
    }

    static List<TestResult> decode(String text) {
        List<TestResult> tests = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tests;
        }
        Cursor in = new Cursor(text);
        while (!in.atEnd()) {
            String[] f = new String[FIELDS];
            for (int i = 0; i < FIELDS; i++) {
                f[i] = in.field();
            }
            TestResult test = new TestResult(Integer.parseInt(f[0]), f[1], f[2], f[3], TestOutcome.valueOf(f[4]),
                    f[5], Long.parseLong(f[6]));
            if (f[7] != null) {
                test.confirm(Instant.parse(f[7]), f[10], f[8] == null ? null : Boolean.valueOf(f[8]), f[9]);
            }
            tests.add(test);
        }
        return tests;
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append(NONE);
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        String field() {
            if (text.charAt(position) == NONE) {
                position++;
                return null;
            }
            int colon = text.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalStateException("stored tests are damaged at character " + position);
            }
            int length = Integer.parseInt(text, position, colon, 10);
            String value = text.substring(colon + 1, colon + 1 + length);
            position = colon + 1 + length;
            return value;
        }
    }
}
