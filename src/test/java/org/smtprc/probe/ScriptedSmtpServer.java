package org.smtprc.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.smtprc.addresses.Endpoint;

/**
 * An SMTP server for tests whose every reply comes from a script: on 127.0.0.1, an ephemeral port, one virtual
 * thread per connection. It records what the client sent, so tests can assert on the conversation.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** The "command" the script answers with the greeting. */
    static final String CONNECT = "<connect>";
    /** The "command" the script answers after a message's final dot. */
    static final String MESSAGE = "<message>";
    /** A reply that makes the server hang up instead of answering. */
    static final String DROP = "<drop>";
    /** A reply that makes the server say nothing and keep the connection open. */
    static final String SILENCE = "<silence>";

    /** Maps a command line (or {@link #CONNECT}, {@link #MESSAGE}) to a reply; "\r\n" separates reply lines. */
    @FunctionalInterface
    interface Script {
        String reply(String command);
    }

    private final ServerSocket listener;
    private final Script script;
    private final Duration replyDelay;
    private final SSLContext tls;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pipelined = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> messages = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private ScriptedSmtpServer(Script script, Duration replyDelay, SSLContext tls) throws IOException {
        this.script = script;
        this.replyDelay = replyDelay;
        this.tls = tls;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(Loopback.ipv4(127, 0, 0, 1), 0));
        this.acceptor = Thread.ofVirtual().name("scripted-smtp-accept").start(this::acceptLoop);
    }

    static ScriptedSmtpServer start(Script script) throws IOException {
        return new ScriptedSmtpServer(script, Duration.ZERO, null);
    }

    /** A tarpit: waits before every reply, the greeting included. */
    static ScriptedSmtpServer startSlow(Script script, Duration replyDelay) throws IOException {
        return new ScriptedSmtpServer(script, replyDelay, null);
    }

    /** Upgrades the connection with this server-side context after a 220 reply to STARTTLS. */
    static ScriptedSmtpServer startWithTls(Script script, SSLContext tls) throws IOException {
        return new ScriptedSmtpServer(script, Duration.ZERO, tls);
    }

    /**
     * A script where anything {@code overrides} does not answer (returns null for) gets the answer of an open
     * relay: 220 greeting from mx.lab, EHLO with 8BITMIME only, 250 to MAIL/RCPT/RSET, 354 to DATA, 250 to the
     * message, 221 to QUIT.
     */
    static Script openRelayExcept(Script overrides) {
        return command -> {
            String reply = overrides.reply(command);
            if (reply != null) {
                return reply;
            }
            String verb = command.startsWith("<") ? command : command.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
            return switch (verb) {
                case CONNECT -> "220 mx.lab ESMTP scripted";
                case "EHLO" -> "250-mx.lab greets you\r\n250 8BITMIME";
                case "HELO" -> "250 mx.lab";
                case "MAIL", "RCPT", "RSET", "NOOP" -> "250 2.0.0 ok";
                case "DATA" -> "354 end data with <CR><LF>.<CR><LF>";
                case MESSAGE -> "250 2.0.0 queued";
                case "QUIT" -> "221 2.0.0 bye";
                default -> "502 5.5.2 command not recognised";
            };
        };
    }

    Endpoint endpoint() {
        return new Endpoint(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Every command line received, from all connections, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** Commands after which more input had already arrived before the server replied. */
    List<String> pipelinedCommands() {
        return List.copyOf(pipelined);
    }

    /** The lines of each message received, as sent (still dot-stuffed). */
    List<List<String>> messages() {
        return List.copyOf(messages);
    }

    int connections() {
        return connections.get();
    }

    /** Sessions whose client has not hung up yet. */
    int openSessions() {
        return sessions.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                // Pipelined replies are separate small writes; without this, Nagle's algorithm holds each second
                // reply for the client's delayed ACK.
                socket.setTcpNoDelay(true);
                open.add(socket);
                connections.incrementAndGet();
                sessions.incrementAndGet();
                Thread.ofVirtual().name("scripted-smtp-session").start(() -> converse(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (Socket ignored = socket) {
            Socket current = socket;
            BufferedReader in = reader(current);
            OutputStream out = current.getOutputStream();
            if (!answer(out, script.reply(CONNECT))) {
                return;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                if (in.ready()) {
                    pipelined.add(line);
                }
                String reply = script.reply(line);
                if (reply.startsWith("354")) {
                    if (!answer(out, reply)) {
                        return;
                    }
                    messages.add(readMessage(in));
                    reply = script.reply(MESSAGE);
                }
                if (!answer(out, reply)) {
                    return;
                }
                if (line.equalsIgnoreCase("STARTTLS") && reply.startsWith("220") && tls != null) {
                    SSLSocket secured = (SSLSocket) tls.getSocketFactory()
                            .createSocket(current, null, current.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    current = secured;
                    open.add(secured);
                    in = reader(current);
                    out = current.getOutputStream();
                }
                if (line.equalsIgnoreCase("QUIT")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client hung up or the test closed the server: the session ends either way.
        } finally {
            open.remove(socket);
            sessions.decrementAndGet();
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    /** Sends a reply after the configured delay; false when the session must end (DROP). */
    private boolean answer(OutputStream out, String reply) throws IOException, InterruptedException {
        if (!replyDelay.isZero()) {
            Thread.sleep(replyDelay);
        }
        if (reply.equals(DROP)) {
            return false;
        }
        if (reply.equals(SILENCE)) {
            return true;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    private static List<String> readMessage(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
