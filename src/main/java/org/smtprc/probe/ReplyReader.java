package org.smtprc.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies from a scanned host, which is hostile input: line length and line count are bounded, so a
 * peer cannot make us buffer without limit, and every byte outside printable ASCII is shown as {@code \xNN}, so
 * nothing the peer sends can forge lines in a transcript or a report.
 *
 * <p>One reader serves one connection: it buffers, so pipelined replies read one after the other are not lost.
 */
public final class ReplyReader {

    /** Appended to a line cut at the length limit. */
    public static final String TRUNCATION_MARK = "[...line truncated]";
    private static final int BUFFER_SIZE = 4096;
    private static final int QUOTE_LIMIT = 80;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final InputStream in;
    private final int maxLineLength;
    private final int maxLines;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    /** The complete lines of the reply being read, each ended by '\n', as far as they came. */
    private final StringBuilder received = new StringBuilder();
    /** The line being read, escaped and bounded. */
    private final StringBuilder current = new StringBuilder();
    private int position;
    private int limit;

    /**
     * @param maxLineLength characters kept of one line (after escaping); the rest of the line is read and dropped
     * @param maxLines      lines one reply may have before it is judged malformed
     */
    public ReplyReader(InputStream in, int maxLineLength, int maxLines) {
        if (maxLineLength < 16 || maxLines < 1) {
            throw new IllegalArgumentException("reply limits too small: line length " + maxLineLength
                    + " (at least 16), lines " + maxLines + " (at least 1)");
        }
        this.in = in;
        this.maxLineLength = maxLineLength;
        this.maxLines = maxLines;
    }

    /**
     * Reads one complete reply, single- or multi-line.
     *
     * @throws EOFException            the peer closed the connection before the reply began
     * @throws MalformedReplyException the peer sent something that is not an SMTP reply, or closed mid-reply
     * @throws java.net.SocketTimeoutException the socket's read timeout passed
     */
    public SmtpReply read() throws IOException {
        received.setLength(0);
        current.setLength(0);
        List<String> texts = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine(texts.isEmpty());
            received.append(line).append('\n');
            int lineCode = codeOf(line);
            if (code == -1) {
                code = lineCode;
            } else if (lineCode != code) {
                throw new MalformedReplyException("inconsistent reply codes " + code + " and " + lineCode
                        + " in one reply: " + quote(line));
            }
            texts.add(line.length() > 4 ? line.substring(4) : "");
            boolean last = line.length() == 3 || line.charAt(3) == ' ';
            if (last) {
                received.setLength(0);
                return new SmtpReply(code, texts);
            }
            if (texts.size() >= maxLines) {
                throw new MalformedReplyException("reply has more than " + maxLines + " lines");
            }
        }
    }

    private static int codeOf(String line) throws MalformedReplyException {
        boolean codeShaped = line.length() >= 3
                && line.charAt(0) >= '2' && line.charAt(0) <= '5'
                && line.charAt(1) >= '0' && line.charAt(1) <= '9'
                && line.charAt(2) >= '0' && line.charAt(2) <= '9'
                && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
        if (!codeShaped) {
            throw new MalformedReplyException("not an SMTP reply: " + quote(line));
        }
        return Integer.parseInt(line, 0, 3, 10);
    }

    /**
     * What came of a reply that {@link #read()} did not complete (it timed out, say): its lines so far, separated by
     * '\n', escaped and bounded like a reply's. Empty when the last read completed or nothing of a reply came.
     */
    public String partialReply() {
        String text = received.toString() + current;
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** One line without its CRLF (a bare LF is tolerated), escaped and cut at the length limit. */
    private String readLine(boolean firstOfReply) throws IOException {
        current.setLength(0);
        boolean truncated = false;
        boolean pendingCr = false;
        boolean anyByte = false;
        while (true) {
            int b = nextByte();
            if (b < 0) {
                if (firstOfReply && !anyByte) {
                    throw new EOFException("connection closed by the server");
                }
                throw new MalformedReplyException("connection closed in the middle of a reply"
                        + (current.isEmpty() ? "" : " after " + quote(current.toString())));
            }
            anyByte = true;
            if (b == '\n') {
                String complete = truncated ? current.append(TRUNCATION_MARK).toString() : current.toString();
                current.setLength(0);
                return complete;
            }
            if (truncated) {
                continue;
            }
            if (pendingCr) {
                truncated = !appendSafe(current, '\r');
            }
            pendingCr = b == '\r';
            if (!pendingCr && !truncated) {
                truncated = !appendSafe(current, b);
            }
        }
    }

    /** Appends the byte, escaped unless printable ASCII; false (and nothing appended) when the line is full. */
    private boolean appendSafe(StringBuilder line, int b) {
        boolean printable = b >= 0x20 && b < 0x7f && b != '\\';
        if (line.length() + (printable ? 1 : 4) > maxLineLength) {
            return false;
        }
        if (printable) {
            line.append((char) b);
        } else {
            line.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
        return true;
    }

    private int nextByte() throws IOException {
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }

    private static String quote(CharSequence text) {
        String s = text.toString();
        return "'" + (s.length() > QUOTE_LIMIT ? s.substring(0, QUOTE_LIMIT) + "..." : s) + "'";
    }
}
