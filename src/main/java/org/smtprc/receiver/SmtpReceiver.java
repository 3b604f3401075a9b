package org.smtprc.receiver;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scanner's own mail sink: an SMTP server that accepts mail for the probe domain only and hands each
 * message to a {@link MailSink}. It never relays, and answers 250 only once the sink has taken the message (so a
 * relay retries rather than loses it). Whoever connects is hostile until proven otherwise: sessions are capped
 * per client and in all ({@link SessionTable}), bounded in time (idle, DATA, whole session) and in the memory
 * their messages take ({@link MessageBudget}), and the accept loop outlives any error, running out of file
 * descriptors included. With an {@link SSLContext} it offers STARTTLS (RFC 3207).
 */
public final class SmtpReceiver implements AutoCloseable {

    /** Marks the Received line our receiver writes, so it is never taken for a relay's. */
    public static final String OWN_TRACE_MARK = "(SmtpRC receiver)";

    private static final Logger LOG = Logger.getLogger(SmtpReceiver.class.getName());
    /** How often the deadlines are checked: they hold to within this much. */
    private static final Duration WATCH_EVERY = Duration.ofMillis(250);
    /** A session told to end that still has not closed (a client that never reads our 421) is cut off after this. */
    private static final Duration END_GRACE = Duration.ofSeconds(2);
    /** After a failed accept: the first pause, doubled up to the last, so a lasting fault neither spins nor stalls. */
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(1);
    /** While accepting keeps failing, one warning per this period. */
    private static final Duration FAILURE_LOG_EVERY = Duration.ofMinutes(1);

    private final ReceiverSettings settings;
    private final MailSink sink;
    private final SSLContext tls;
    private final Predicate<String> ownName;
    private final SessionTable table;
    private final MessageBudget budget;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong displaced = new AtomicLong();
    private final AtomicLong acceptFailures = new AtomicLong();
    /** The accept loop's own record of a run of failures (System.nanoTime(), 0 while accepting works). */
    private long failingSince;
    private long failuresBefore;
    private long lastWarning;
    private ServerSocket server;
    private Thread acceptor;
    private Thread watchman;
    private volatile boolean closed;

    /** A receiver without STARTTLS. */
    public SmtpReceiver(ReceiverSettings settings, MailSink sink) {
        this(settings, sink, null);
    }

    /** @param tls the key and certificate for STARTTLS, or null to offer no STARTTLS */
    public SmtpReceiver(ReceiverSettings settings, MailSink sink, SSLContext tls) {
        this(settings, sink, tls, name -> false);
    }

    /**
     * @param tls     the key and certificate for STARTTLS, or null to offer no STARTTLS
     * @param ownName besides the greeting name, the EHLO names of our own scans (each scan may choose one): a
     *                client greeting with one is our scanner, and its mail is refused like mail from the greeting name
     */
    public SmtpReceiver(ReceiverSettings settings, MailSink sink, SSLContext tls, Predicate<String> ownName) {
        this.settings = settings;
        this.sink = sink;
        this.tls = tls;
        this.ownName = ownName;
        this.table = new SessionTable(settings.limits());
        this.budget = new MessageBudget(settings.limits().maxBufferedBytes());
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
        server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), settings.limits().maxConnections());
        // The door gets a thread of its own from the operating system rather than a turn among a thousand sessions:
        // under a connection flood a virtual acceptor fell behind, the listen queue filled, and relays' SYNs were lost.
        acceptor = Thread.ofPlatform().daemon().name("smtprc-receiver-accept").start(this::acceptLoop);
        watchman = Thread.ofVirtual().name("smtprc-receiver-deadlines").start(this::watchDeadlines);
    }

    /** The port actually bound (the one asked for, or the one picked for port 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Whether it takes connections now: bound, not closed, and its accept loop running. */
    public synchronized boolean listening() {
        ServerSocket socket = server;
        Thread door = acceptor;
        return !closed && socket != null && socket.isBound() && !socket.isClosed() && door != null && door.isAlive();
    }

    /** Sessions open now. */
    public int sessions() {
        return table.size();
    }

    /** Connections turned away with 421 at the door (per-client or global cap) since the start. */
    public long refused() {
        return refused.get();
    }

    /** Idle sessions closed to make room for a newcomer at the global cap since the start. */
    public long displaced() {
        return displaced.get();
    }

    /** Failed accepts since the start (such as running out of file descriptors). */
    public long acceptFailures() {
        return acceptFailures.get();
    }

    /** Message bytes the sessions hold in memory now. */
    public long bufferedBytes() {
        return budget.held();
    }

    /**
     * Takes connections until closed. A failure (no file descriptors left, say) is logged and waited out, never
     * final: anything thrown is caught, since even the log may fail when no file can be opened.
     */
    private void acceptLoop() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (Throwable e) {
                if (closed) {
                    return;
                }
                failing(e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            backoff = FIRST_BACKOFF;
            recovered();
            try {
                admit(client);
            } catch (Throwable e) {
                failing(e);
            }
        }
    }

    private void failing(Throwable e) {
        long failures = acceptFailures.incrementAndGet();
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
            failuresBefore = failures - 1;
        } else if (now - lastWarning < FAILURE_LOG_EVERY.toNanos()) {
            return;
        }
        lastWarning = now;
        try {
            LOG.log(Level.WARNING, "the receiver cannot accept a connection (" + e + ", " + (failures - failuresBefore)
                    + " failures so far); it keeps trying. On \"Too many open files\" raise the server's open-files"
                    + " limit (ulimit -n) or lower smtprc.receiver.max-connections", e);
        } catch (Throwable logFailed) {
            // the log wants a file too; acceptFailures keeps the count
        }
    }

    private void recovered() {
        if (failingSince == 0) {
            return;
        }
        long failures = acceptFailures.get() - failuresBefore;
        long millis = Duration.ofNanos(System.nanoTime() - failingSince).toMillis();
        failingSince = 0;
        try {
            LOG.info(() -> "the receiver accepts connections again, after " + failures + " failures in " + millis + " ms");
        } catch (Throwable logFailed) {
            // as above
        }
    }

    private void admit(Socket client) {
        ClientConnection connection = new ClientConnection(client, SessionTable.clientOf(client.getInetAddress()),
                System.nanoTime());
        SessionTable.Admission admission = table.admit(connection, connection.openedAt());
        if (!admission.admitted()) {
            refused.incrementAndGet();
            refuse(client, admission.refusal());
            return;
        }
        if (admission.displaced() != null) {
            displaced.incrementAndGet();
            admission.displaced().end("421 4.4.5 " + settings.greetingName()
                    + " too many connections, closing this idle one", connection.openedAt());
        }
        open.add(connection);
        try {
            Thread session = Thread.ofVirtual().name("smtprc-receiver-" + sessionIds.incrementAndGet()).unstarted(() -> {
                try {
                    new ReceiverSession(connection, settings, sink, budget, tls, ownName).run();
                } finally {
                    table.release(connection);
                    open.remove(connection);
                    sessions.remove(Thread.currentThread());
                    connection.close();
                }
            });
            sessions.add(session);
            session.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            table.release(connection);
            open.remove(connection);
            connection.close();
            throw e;
        }
    }

    private static void refuse(Socket client, String reply) {
        try (client) {
            client.getOutputStream().write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // the client went away first
        }
    }

    /** Ends sessions past their whole-session or DATA deadline, and cuts off those that do not end when told. */
    private void watchDeadlines() {
        long sessionNanos = settings.limits().sessionTimeout().toNanos();
        String name = settings.greetingName();
        while (!closed) {
            long now = System.nanoTime();
            for (ClientConnection connection : open) {
                long dataDeadline = connection.dataDeadline();
                if (connection.ending()) {
                    if (now - connection.endedAt() > END_GRACE.toNanos()) {
                        connection.close();
                    }
                } else if (now - connection.openedAt() > sessionNanos) {
                    connection.end("421 4.4.2 " + name + " session time limit reached, closing connection", now);
                } else if (dataDeadline != 0 && now - dataDeadline > 0) {
                    connection.end("421 4.4.2 " + name + " message data too slow, closing connection", now);
                }
            }
            pause(WATCH_EVERY);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException closing) {
            // only close() interrupts the receiver's own threads, and their loops see that it did
        }
    }

    /** Stops listening, drops every connection and waits for the sessions to end. */
    @Override
    public void close() {
        closed = true;
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        open.forEach(ClientConnection::close);
        try {
            for (Thread thread : new Thread[]{acceptor, watchman}) {
                if (thread != null) {
                    thread.interrupt();
                    thread.join(5_000);
                }
            }
            for (Thread session : Set.copyOf(sessions)) {
                session.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
