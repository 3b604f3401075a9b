package org.smtprc.mta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The receiver all lab mail goes to in tests: a small SMTP server on 127.0.0.1 (ephemeral port) that accepts
 * everything (MAIL FROM:&lt;&gt; too) and keeps each message with its envelope.
 */
public final class CollectingReceiver implements AutoCloseable {

    public record Mail(String mailFrom, List<String> recipients, String data, String peer) {
    }

    private final ServerSocket server;
    private final List<Mail> mail = new CopyOnWriteArrayList<>();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public CollectingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public List<Mail> mail() {
        return List.copyOf(mail);
    }

    /** The first message matching, waiting up to {@code timeout}; null if none came. */
    public Mail await(Predicate<Mail> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Mail m : mail) {
                if (which.test(m)) {
                    return m;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return null;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            send(out, "220 receiver.test ESMTP collecting");
            String from = null;
            List<String> rcpts = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    send(out, "250-receiver.test\r\n250-8BITMIME\r\n250 PIPELINING");
                } else if (upper.startsWith("HELO")) {
                    send(out, "250 receiver.test");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = angle(line.substring(10));
                    rcpts = new ArrayList<>();
                    send(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    rcpts.add(angle(line.substring(8)));
                    send(out, "250 2.1.5 ok");
                } else if (upper.equals("DATA")) {
                    send(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    mail.add(new Mail(from, List.copyOf(rcpts), data.toString(),
                            client.getInetAddress().getHostAddress()));
                    send(out, "250 2.0.0 kept");
                } else if (upper.equals("QUIT")) {
                    send(out, "221 2.0.0 bye");
                    return;
                } else {
                    send(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            clients.remove(client);
        }
    }

    private static String angle(String arg) {
        String s = arg.strip();
        int lt = s.indexOf('<');
        int gt = s.lastIndexOf('>');
        return lt >= 0 && gt > lt ? s.substring(lt + 1, gt) : s.split(" ")[0];
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
        for (Socket client : clients) {
            client.close();
        }
    }
}
