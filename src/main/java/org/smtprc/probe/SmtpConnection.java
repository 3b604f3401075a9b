package org.smtprc.probe;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.smtprc.addresses.Endpoint;

/**
 * One TCP (or TLS) connection to a scanned server, spoken to one command (or one pipelined group) at a time. Every
 * reply, however slowly its bytes trickle in, is bounded as a whole by the command timeout and by what is left of
 * the host's budget. The budget is a hard one: at the deadline the {@link Deadline} closes the connection, which ends
 * what no socket timeout bounds (the connect, a TLS handshake, a read inside a TLS record, a write to a server that
 * stopped reading); whatever was in progress then fails with {@link BudgetExhaustedException}, noted in the
 * transcript.
 */
final class SmtpConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A message goes out in pieces of this size, so that a write cut off at the deadline can say how far it got. */
    private static final int WRITE_PIECE = 64 * 1024;
    /** How much of a reply cut off by time a transcript note quotes. */
    private static final int PARTIAL_REPLY_NOTE_CHARS = 200;

    private final Deadline deadline;
    private final Duration commandTimeout;
    private final HostConversation.Limits limits;
    private Socket socket;
    private long replyEndNanos;
    private ReplyReader reader;
    private OutputStream out;
    private Transcript transcript;

    private SmtpConnection(Socket socket, Deadline deadline, Duration commandTimeout, HostConversation.Limits limits)
            throws IOException {
        this.deadline = deadline;
        this.commandTimeout = commandTimeout;
        this.limits = limits;
        attach(socket);
    }

    /** Connects, waiting at most the connect timeout (cut to the budget); does not read the greeting. */
    static SmtpConnection connect(Endpoint target, Duration connectTimeout, Duration commandTimeout,
                                  Deadline deadline, HostConversation.Limits limits) throws IOException {
        Socket socket = new Socket();
        deadline.guard(socket);
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    deadline.timeoutMillis(connectTimeout));
            socket.setTcpNoDelay(true);
            return new SmtpConnection(socket, deadline, commandTimeout, limits);
        } catch (IOException e) {
            socket.close();
            throw deadline.passed() ? deadline.exhausted() : e;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void attach(Socket connected) throws IOException {
        socket = connected;
        reader = new ReplyReader(new ReplyClock(connected.getInputStream()), limits.maxReplyLineLength(),
                limits.maxReplyLines());
        out = connected.getOutputStream();
    }

    /** Where commands and replies are recorded from now on; null records nothing. */
    void recordTo(Transcript current) {
        transcript = current;
    }

    SmtpReply readReply() throws IOException {
        return readReply(commandTimeout);
    }

    private SmtpReply readReply(Duration timeout) throws IOException {
        replyEndNanos = System.nanoTime() + timeout.toNanos();
        try {
            SmtpReply reply = reader.read();
            if (transcript != null) {
                transcript.received(reply);
            }
            return reply;
        } catch (IOException e) {
            IOException thrown = cutOff(e, "while waiting for a reply" + soFar());
            if (thrown == e) {
                note(e instanceof SocketTimeoutException ? "no reply within " + timeout.toMillis() + " ms" + soFar()
                        : String.valueOf(e.getMessage()));
            }
            throw thrown;
        }
    }

    /**
     * What to throw for {@code e}: when the deadline has passed, whatever failed failed because the watchdog closed the
     * connection (or the budget left no time), so the deadline's exception, noted with what was going on; else e.
     */
    private IOException cutOff(IOException e, String during) {
        if (!deadline.passed()) {
            return e;
        }
        note(deadline.reason() + " " + during);
        return deadline.exhausted();
    }

    /** For a note on a reply cut off by time: what had come of it, if anything; one line, bounded. */
    private String soFar() {
        String partial = reader.partialReply();
        return partial.isEmpty() ? "" : ", which had begun: '"
                + ProbeText.bounded(partial.replace("\n", "\\n"), PARTIAL_REPLY_NOTE_CHARS) + "'";
    }

    /** What came of a reply the last read did not complete (see {@link ReplyReader#partialReply()}). */
    String partialReply() {
        return reader.partialReply();
    }

    SmtpReply command(String command) throws IOException {
        return pipeline(List.of(command)).get(0);
    }

    /**
     * Sends all commands in one write (RFC 2920 pipelining), then reads one reply per command, stopping early at a
     * 421: the server is closing the connection and will answer nothing more, so the list may be shorter.
     */
    List<SmtpReply> pipeline(List<String> commands) throws IOException {
        if (transcript != null) {
            commands.forEach(transcript::sent);
        }
        send(commands);
        return readReplies(commands.size());
    }

    /** Sends the commands in one write without waiting for replies and without recording them. */
    void send(List<String> commands) throws IOException {
        deadline.timeoutMillis(commandTimeout);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (String command : commands) {
            batch.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
            batch.writeBytes(CRLF);
        }
        write(batch.toByteArray());
    }

    /** Reads the replies to {@code count} commands sent before, stopping early at a 421 (the server is closing). */
    List<SmtpReply> readReplies(int count) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(count);
        while (replies.size() < count) {
            SmtpReply reply = readReply();
            replies.add(reply);
            if (reply.code() == 421) {
                break;
            }
        }
        return replies;
    }

    /** Sends a message after a 354 reply: line ends made CRLF, dot-stuffed, ended by CRLF.CRLF. */
    SmtpReply sendMessage(String message) throws IOException {
        deadline.timeoutMillis(commandTimeout);
        byte[] data = dotStuffed(message);
        if (transcript != null) {
            transcript.sent("<message, " + data.length + " bytes>");
        }
        write(data);
        write(END_OF_DATA);
        return readReply();
    }

    /**
     * Writes and flushes; a write the deadline cut off (the server stopped reading and our send buffer filled) is noted
     * with how far it got.
     */
    private void write(byte[] bytes) throws IOException {
        int written = 0;
        try {
            while (written < bytes.length) {
                int piece = Math.min(WRITE_PIECE, bytes.length - written);
                out.write(bytes, written, piece);
                out.flush();
                written += piece;
            }
        } catch (IOException e) {
            throw cutOff(e, String.format(Locale.ROOT, "while sending: %,d of %,d bytes written", written,
                    bytes.length));
        }
    }

    /** Bare CR or LF become CRLF (a bare LF lets some servers see an end of data we did not send). */
    static byte[] dotStuffed(String message) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(message.length() + 64);
        String[] lines = message.split("\r\n|\r|\n", -1);
        int count = message.isEmpty() || message.endsWith("\n") || message.endsWith("\r")
                ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            if (lines[i].startsWith(".")) {
                data.write('.');
            }
            data.writeBytes(lines[i].getBytes(StandardCharsets.UTF_8));
            data.writeBytes(CRLF);
        }
        return data.toByteArray();
    }

    /**
     * Turns this connection into TLS after the server's 220 to STARTTLS. Any certificate is accepted: a relay
     * test judges whether the server relays, not whether its certificate is valid, and a server with a
     * self-signed certificate relays spam just as well.
     */
    void startTls(Endpoint target) throws IOException {
        SSLSocket tls = (SSLSocket) TrustAll.CONTEXT.getSocketFactory()
                .createSocket(socket, target.host(), target.port(), true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(deadline.timeoutMillis(commandTimeout));
        try {
            tls.startHandshake();
        } catch (IOException e) {
            IOException thrown = cutOff(e, "during the TLS handshake");
            if (thrown == e) {
                note("TLS handshake failed: " + e.getMessage());
            }
            throw thrown;
        }
        attach(tls);
        note("TLS started: " + tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite());
    }

    /** Says goodbye politely; whatever goes wrong, the connection ends closed. */
    void quit() {
        recordTo(null);
        try {
            if (!deadline.passed()) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readReply(limits.quitWait().compareTo(commandTimeout) < 0 ? limits.quitWait() : commandTimeout);
            }
        } catch (IOException ignored) {
            // The server may close first or ignore QUIT; the test results are already complete.
        } finally {
            close();
        }
    }

    boolean closed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a broken connection cannot fail in a way that matters to the scan.
        }
    }

    private void note(String note) {
        if (transcript != null) {
            transcript.note(note);
        }
    }

    /**
     * The socket's input, each read waiting no longer than what is left of the current reply's time and of the
     * host's budget: a tarpit that drips a byte at a time cannot stretch a reply past either.
     */
    private final class ReplyClock extends InputStream {

        private final InputStream in;

        ReplyClock(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = replyEndNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("reply not complete in time");
            }
            socket.setSoTimeout(deadline.timeoutMillis(Duration.ofNanos(left + 999_999)));
            return in.read(buffer, offset, length);
        }
    }

    /** Accepts every certificate; see {@link #startTls}. */
    private static final class TrustAll {
        static final SSLContext CONTEXT = create();

        private static SSLContext create() {
            // The extended form keeps JSSE from wrapping it with its own checks, which reject the old or weak
            // certificates that neglected (and often open) servers still present.
            TrustManager trustAll = new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime offers no TLS; STARTTLS cannot be tested", e);
            }
        }
    }
}
