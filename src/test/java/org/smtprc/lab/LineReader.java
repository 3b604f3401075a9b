package org.smtprc.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CRLF (or bare LF) terminated lines from a stream through its own buffer, without ever holding more than a
 * bound: the rest of an over-long line is skipped and the line is flagged, so a peer cannot exhaust memory.
 * It scans its buffer directly rather than calling {@code read()} per byte, which cost the lab a third of its CPU.
 */
final class LineReader {

    /** One line without its terminator; {@code overlong} when bytes past the bound were dropped. */
    record Line(byte[] bytes, boolean overlong) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private byte[] line = new byte[128];
    private int length;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Whether bytes the peer sent are already read and waiting: a pipelined group is not answered in full yet. */
    boolean hasBuffered() {
        return position < limit;
    }

    /** @return the next line, or null at end of stream */
    Line read(int maxBytes) throws IOException {
        length = 0;
        boolean overlong = false;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            // keep one byte more than the bound so that a CR right at the bound is still seen as the terminator
            int room = maxBytes + 1 - length;
            int take = Math.min(end - position, Math.max(room, 0));
            append(position, take);
            overlong |= take < end - position;
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        int text = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (text > maxBytes) {
            text = maxBytes;
            overlong = true;
        }
        return new Line(Arrays.copyOf(line, text), overlong);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }
}
