package org.smtprc.receiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scanner's own mail sink: an SMTP server that accepts mail for the probe domain only and hands each
 * message to a {@link MailSink}. It never relays, bounds message size, connections and idle time, and
 * answers 250 only once the sink has taken the message (so a relay retries rather than loses it).
 */
public final class SmtpReceiver implements AutoCloseable {

    /** Marks the Received line our receiver writes, so it is never taken for a relay's. */
    public static final String OWN_TRACE_MARK = "(SmtpRC receiver)";


    private static final Logger LOG = Logger.getLogger(SmtpReceiver.class.getName());

    private final ReceiverSettings settings;
    private final MailSink sink;
    private final Predicate<String> ownName;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean closed;

    public SmtpReceiver(ReceiverSettings settings, MailSink sink) {
        this(settings, sink, name -> false);
    }

    /**
     * @param ownName besides the greeting name, the EHLO names of our own scans (each scan may choose one): a
     *                client greeting with one is our scanner, and its mail is refused like mail from the greeting name
     */
    public SmtpReceiver(ReceiverSettings settings, MailSink sink, Predicate<String> ownName) {
        this.settings = settings;
        this.sink = sink;
        this.ownName = ownName;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the receiver is already started");
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        // Room for as many waiting connections as there may be sessions: a scan that finds a thousand relays
        // gets their mail within a second or two, and a full queue drops connection attempts, which the
        // relays retry only after seconds (SYN retransmission).
        server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), settings.maxConnections());
        acceptor = Thread.ofVirtual().name("smtprc-receiver-accept").start(this::acceptLoop);
    }

    /** The port actually bound (the one asked for, or the one picked for port 0). */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "receiver accept failed", e);
                }
                return;
            }
            if (clients.size() >= settings.maxConnections()) {
                refuseBusy(client);
                continue;
            }
            clients.add(client);
            Thread session = Thread.ofVirtual().name("smtprc-receiver-" + sessionIds.incrementAndGet()).unstarted(() -> {
                try {
                    new ReceiverSession(client, settings, sink, ownName).run();
                } finally {
                    clients.remove(client);
                    sessions.remove(Thread.currentThread());
                    closeQuietly(client);
                }
            });
            sessions.add(session);
            session.start();
        }
    }

    private static void refuseBusy(Socket client) {
        try (client) {
            client.setSoTimeout(1_000);
            client.getOutputStream().write("421 4.7.0 Too many connections, try again later\r\n".getBytes());
        } catch (IOException ignored) {
            // the client went away first
        }
    }

    /** Stops listening, drops every connection and waits for the sessions to end. */
    @Override
    public void close() {
        closed = true;
        if (server != null) {
            closeQuietly(server);
        }
        clients.forEach(SmtpReceiver::closeQuietly);
        try {
            if (acceptor != null) {
                acceptor.join(5_000);
            }
            for (Thread session : Set.copyOf(sessions)) {
                session.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
