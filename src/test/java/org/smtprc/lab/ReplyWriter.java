package org.smtprc.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Writes SMTP replies the way a host's personality dictates: a byte at a time for a tarpit, and padded to several
 * lines for a host that answers everything multi-line. Replies are held until {@link #flush()}, which the session
 * calls before it waits for more input: the replies to a pipelined group leave together, like a real MTA's, and
 * the WAN-like reply delay is paid once per such round trip, not once per reply line.
 * Text goes out as ISO-8859-1 so that hostile payloads (NUL, ESC) reach the wire byte for byte.
 */
final class ReplyWriter {

    private final OutputStream out;
    private final Duration replyDelay;
    private final Duration dripDelay;
    private final boolean multiline;
    private boolean pending;

    /** @param dripDelay pause between bytes, {@link Duration#ZERO} for normal hosts */
    ReplyWriter(OutputStream out, Duration replyDelay, Duration dripDelay, boolean multiline) {
        this.out = out;
        this.replyDelay = replyDelay;
        this.dripDelay = dripDelay;
        this.multiline = multiline;
    }

    void reply(int code, String... lines) throws IOException {
        reply(code, List.of(lines));
    }

    void reply(int code, List<String> lines) throws IOException {
        List<String> all = multiline && lines.size() == 1
                ? List.of(lines.getFirst(), "lab note: this host answers in several lines", "end of reply")
                : lines;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            text.append(code).append(i == all.size() - 1 ? ' ' : '-').append(all.get(i)).append("\r\n");
        }
        write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends what is held, after the round trip's delay. */
    void flush() throws IOException {
        if (!pending) {
            return;
        }
        pending = false;
        pause(replyDelay);
        out.flush();
    }

    /** Raw bytes outside the reply grammar (banners of other services, garbage). */
    void raw(byte[] bytes) throws IOException {
        write(bytes);
    }

    private void write(byte[] bytes) throws IOException {
        if (dripDelay.isZero()) {
            out.write(bytes);
            pending = true;
            return;
        }
        pause(replyDelay);
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            pause(dripDelay);
        }
    }

    /** Sleeps for {@code delay}; an interrupt (the lab closing) ends the session. */
    static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("lab is closing");
        }
    }
}
