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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.smtprc.addresses.Endpoint;

/**
 * One TCP (or TLS) connection to a scanned server, spoken to one command (or one pipelined group) at a time. Every
 * reply, however slowly its bytes trickle in, is bounded as a whole by the command timeout and by what is left of
 * the host's budget. Writes are not bounded by a timeout, but they are small (a few commands, a message of a few
 * kilobytes) and fit the socket's send buffer.
 */
final class SmtpConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

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
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    deadline.timeoutMillis(connectTimeout));
            socket.setTcpNoDelay(true);
            return new SmtpConnection(socket, deadline, commandTimeout, limits);
        } catch (IOException | RuntimeException e) {
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
        } catch (SocketTimeoutException e) {
            note(deadline.passed() ? "host time budget used up while waiting for a reply"
                    : "no reply within " + timeout.toMillis() + " ms");
            throw deadline.passed() ? new BudgetExhaustedException() : e;
        } catch (IOException e) {
            note(String.valueOf(e.getMessage()));
            throw e;
        }
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
        out.write(batch.toByteArray());
        out.flush();
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
        out.write(data);
        out.write(END_OF_DATA);
        out.flush();
        return readReply();
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
        tls.startHandshake();
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
