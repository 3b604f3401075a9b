package org.smtprc.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' stand-in for the scanner's receiver: a tiny SMTP server on 127.0.0.1 (ephemeral port) that accepts
 * anything and keeps each message. It can defer the first messages with 451 to exercise the relays' retries.
 */
public final class CollectingSmtpSink implements AutoCloseable {

    record Mail(String mailFrom, List<String> recipients, String data, String peer) {
    }

    private final ServerSocket server;
    private final BlockingQueue<Mail> mail = new LinkedBlockingQueue<>();
    private final AtomicInteger deferrals = new AtomicInteger();
    private final Thread acceptor;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    public CollectingSmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Answers 451 to the end of DATA for the next {@code count} messages. */
    void deferNext(int count) {
        deferrals.set(count);
    }

    /** The next message received, or null if none arrives in time. */
    Mail await(Duration timeout) throws InterruptedException {
        return mail.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join();
        for (Socket client : clients) {
            client.close();
        }
    }

    private void acceptLoop() {
        while (true) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            LineReader in = new LineReader(client.getInputStream());
            OutputStream out = client.getOutputStream();
            String from = null;
            List<String> to = new ArrayList<>();
            say(out, "220 sink ready");
            for (LineReader.Line line = in.read(4096); line != null; line = in.read(4096)) {
                String command = line.text();
                String verb = command.length() < 4 ? command : command.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 sink");
                    case "MAIL" -> {
                        from = between(command);
                        to.clear();
                        say(out, "250 ok");
                    }
                    case "RCPT" -> {
                        to.add(between(command));
                        say(out, "250 ok");
                    }
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        String data = readData(in);
                        if (deferrals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            say(out, "451 4.3.0 try again later");
                        } else {
                            mail.add(new Mail(from, List.copyOf(to), data, client.getInetAddress().getHostAddress()));
                            say(out, "250 kept");
                        }
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the relay hung up: nothing to keep
        } finally {
            clients.remove(client);
        }
    }

    private static String readData(LineReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (LineReader.Line line = in.read(1 << 20); line != null; line = in.read(1 << 20)) {
            String text = line.text();
            if (text.equals(".")) {
                break;
            }
            data.append(text.startsWith(".") ? text.substring(1) : text).append("\r\n");
        }
        return data.toString();
    }

    private static String between(String command) {
        return command.substring(command.indexOf('<') + 1, command.lastIndexOf('>'));
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
