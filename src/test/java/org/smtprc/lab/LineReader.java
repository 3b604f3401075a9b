package org.smtprc.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CRLF (or bare LF) terminated lines from a buffered stream without ever holding more than a bound:
 * the rest of an over-long line is skipped and the line is flagged, so a peer cannot exhaust memory.
 */
final class LineReader {

    /** One line without its terminator; {@code overlong} when bytes past the bound were dropped. */
    record Line(byte[] bytes, boolean overlong) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    LineReader(InputStream bufferedInput) {
        this.in = bufferedInput;
    }

    /** @return the next line, or null at end of stream */
    Line read(int maxBytes) throws IOException {
        line.reset();
        boolean overlong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // one byte more than the bound so that a CR right at the bound is still recognised as the terminator
            if (line.size() <= maxBytes) {
                line.write(b);
            } else {
                overlong = true;
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length > maxBytes) {
            length = maxBytes;
            overlong = true;
        }
        return new Line(Arrays.copyOf(bytes, length), overlong);
    }
}
