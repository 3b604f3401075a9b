package org.smtprc.scan;

import org.smtprc.probe.TestOutcome;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A host's tests as one column. As text, every field is written as its length, a colon and the characters
 * ({@code ~} for none), so whatever a transcript contains, it cannot be mistaken for structure when read back.
 * Stored, that text is compressed ({@link #pack}): transcripts repeat themselves from test to test, so a host's
 * row shrinks about eight times, and with it what the database writes for each chunk and each proof.
 */
final class TestRecordCodec {

    private static final int FIELDS = 11;
    private static final char NONE = '~';
    /** First byte of a packed value: the format (1: the text, UTF-8, zlib-deflated). */
    private static final byte PACKED_TEXT = 1;
    /** The most a packed value may inflate to: far beyond any battery, short of exhausting memory. */
    private static final int MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

    private TestRecordCodec() {
    }

    /**
     * The tests, compressed into at most {@code maxBytes} bytes (transcripts are cut alike if they would not fit);
     * empty for no tests.
     */
    static byte[] pack(List<TestRecord> tests, int maxBytes) {
        if (tests.isEmpty()) {
            return new byte[0];
        }
        for (int textLimit = maxBytes; textLimit >= 64; textLimit /= 2) {
            byte[] packed = deflate(encode(tests, textLimit).getBytes(StandardCharsets.UTF_8));
            if (packed.length <= maxBytes) {
                return packed;
            }
        }
        throw new IllegalArgumentException(tests.size() + " tests do not fit in " + maxBytes
                + " bytes even with their transcripts cut short");
    }

    /** The tests {@link #pack} stored; empty for null or no bytes. */
    static List<TestRecord> unpack(byte[] packed) {
        if (packed == null || packed.length == 0) {
            return new ArrayList<>();
        }
        if (packed[0] != PACKED_TEXT) {
            throw new IllegalStateException("stored tests have an unknown format (" + packed[0] + ")");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed, 1, packed.length - 1);
            ByteArrayOutputStream text = new ByteArrayOutputStream(packed.length * 8);
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("stored tests are damaged: the compressed data ends early");
                }
                text.write(buffer, 0, n);
                if (text.size() > MAX_UNPACKED_BYTES) {
                    throw new IllegalStateException("stored tests are damaged: they inflate beyond "
                            + MAX_UNPACKED_BYTES + " bytes");
                }
            }
            return decode(text.toString(StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored tests are damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] text) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(text.length / 4 + 64);
            packed.write(PACKED_TEXT);
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                packed.write(buffer, 0, deflater.deflate(buffer));
            }
            return packed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The tests as text of at most {@code limit} characters; transcripts are shortened alike if need be. */
    static String encode(List<TestRecord> tests, int limit) {
        String text = encodeCutting(tests, Integer.MAX_VALUE);
        if (text.length() <= limit || tests.isEmpty()) {
            return text;
        }
        int transcripts = tests.stream().mapToInt(t -> t.getTranscript() == null ? 0 : t.getTranscript().length()).sum();
        int everythingElse = text.length() - transcripts;
        // every transcript gets an equal share of the room left, less a little for the longer cut markers
        return encodeCutting(tests, Math.max(32, (limit - everythingElse) / tests.size() - 32));
    }

    private static String encodeCutting(List<TestRecord> tests, int transcriptLimit) {
        StringBuilder out = new StringBuilder(1024 * tests.size());
        for (TestRecord t : tests) {
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

    static List<TestRecord> decode(String text) {
        List<TestRecord> tests = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tests;
        }
        Cursor in = new Cursor(text);
        while (!in.atEnd()) {
            String[] f = new String[FIELDS];
            for (int i = 0; i < FIELDS; i++) {
                f[i] = in.field();
            }
            TestRecord test = new TestRecord(Integer.parseInt(f[0]), f[1], f[2], f[3], TestOutcome.valueOf(f[4]),
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
