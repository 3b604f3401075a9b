package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 64, 5);
    }

    @Test
    void readsSingleLineReply() throws IOException {
        SmtpReply reply = reader("220 mx.lab ESMTP ready\r\n").read();

        assertThat(reply.code()).isEqualTo(220);
        assertThat(reply.lines()).containsExactly("mx.lab ESMTP ready");
        assertThat(reply.isPositive()).isTrue();
        assertThat(reply.toTranscript()).isEqualTo("220 mx.lab ESMTP ready");
    }

    @Test
    void readsMultiLineReplyAndTheNextReplyAfterIt() throws IOException {
        ReplyReader reader = reader("250-mx.lab hello\r\n250-PIPELINING\r\n250 SIZE 1000\r\n550 5.7.1 no\r\n");

        SmtpReply ehlo = reader.read();
        SmtpReply next = reader.read();

        assertThat(ehlo.lines()).containsExactly("mx.lab hello", "PIPELINING", "SIZE 1000");
        assertThat(ehlo.toTranscript()).isEqualTo("250-mx.lab hello\n250-PIPELINING\n250 SIZE 1000");
        assertThat(next.code()).isEqualTo(550);
        assertThat(next.isPermanent()).isTrue();
        assertThat(next.text()).isEqualTo("5.7.1 no");
    }

    @Test
    void acceptsBareCodeAndBareLineFeed() throws IOException {
        SmtpReply reply = reader("354\n").read();

        assertThat(reply.code()).isEqualTo(354);
        assertThat(reply.lines()).containsExactly("");
    }

    @Test
    void rejectsInconsistentCodes() {
        assertThatThrownBy(() -> reader("250-first\r\n251 second\r\n").read())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("inconsistent reply codes 250 and 251");
    }

    @Test
    void rejectsNonSmtpGarbage() {
        assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH_9.6\r\n").read())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("not an SMTP reply: 'SSH-2.0-OpenSSH_9.6'");
        assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").read())
                .isInstanceOf(MalformedReplyException.class);
        assertThatThrownBy(() -> reader("2500 too many digits\r\n").read())
                .isInstanceOf(MalformedReplyException.class);
        assertThatThrownBy(() -> reader("650 out of range\r\n").read())
                .isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void rejectsTooManyLines() {
        assertThatThrownBy(() -> reader("250-a\r\n250-b\r\n250-c\r\n250-d\r\n250-e\r\n250 f\r\n").read())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("more than 5 lines");
    }

    @Test
    void escapesControlAndNonAsciiBytes() throws IOException {
        SmtpReply reply = reader("220 a\u0000b\u001b[31mc\u00e9\\d\re\r\n").read();

        assertThat(reply.text()).isEqualTo("a\\x00b\\x1B[31mc\\xE9\\x5Cd\\x0De");
        assertThat(reply.text()).doesNotContain("\u0000", "\u001b", "\r", "\n");
    }

    @Test
    void truncatesOverLongLineWithoutBufferingItAndKeepsReading() throws IOException {
        long megabyte = 1 << 20;
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long n = served.getAndIncrement();
                if (n < 4) {
                    return "220 ".charAt((int) n);
                }
                return n < megabyte ? 'x' : n == megabyte ? '\n' : -1;
            }
        };
        ReplyReader reader = new ReplyReader(endless, 64, 5);

        SmtpReply reply = reader.read();

        assertThat(reply.lines().get(0)).endsWith(ReplyReader.TRUNCATION_MARK);
        assertThat(reply.lines().get(0).length()).isLessThan(64 + ReplyReader.TRUNCATION_MARK.length());
        assertThat(served.get()).isGreaterThan(megabyte);
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }

    @Test
    void reportsEndOfStreamBeforeAndInsideReplyDifferently() {
        assertThatThrownBy(() -> reader("").read())
                .isExactlyInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("250-first line\r\n250-sec").read())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("closed in the middle of a reply");
    }

    /** The bytes of {@code wire}, then a read timeout, as from a tarpit that stopped mid-reply. */
    private static ReplyReader stalling(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == bytes.length) {
                    throw new SocketTimeoutException("Read timed out");
                }
                return bytes[next++] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                buffer[offset] = (byte) read();
                return 1;
            }
        };
        return new ReplyReader(in, 64, 5);
    }

    @Test
    void keepsWhatCameOfAReplyThatTimedOutEscapedAndBounded() {
        ReplyReader reader = stalling("220-mx.lab ESMTP\r\n220-please \u001b[31mwait\r\n220-and wait "
                + "x".repeat(100));

        assertThatThrownBy(reader::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(reader.partialReply()).startsWith("220-mx.lab ESMTP\n220-please \\x1B[31mwait\n220-and wait xx")
                .hasSize("220-mx.lab ESMTP\n220-please \\x1B[31mwait\n".length() + 64);
    }

    @Test
    void nothingIsPartialAfterACompleteReplyOrWhenNothingCame() throws IOException {
        ReplyReader reader = stalling("220 mx.lab ready\r\n");

        assertThat(reader.read().code()).isEqualTo(220);
        assertThat(reader.partialReply()).isEmpty();
        assertThatThrownBy(reader::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(reader.partialReply()).isEmpty();
    }
}
