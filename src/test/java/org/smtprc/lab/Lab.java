package org.smtprc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated network of scripted SMTP servers on loopback: one listener per 127.x.y.z address, all on the same
 * port, each host playing a {@link Personality}. Every address not in the lab answers "connection refused".
 * Hosts cost a socket and a parked virtual thread each, so a lab of thousands starts in seconds.
 */
public final class Lab implements AutoCloseable {

    private static final int ACCEPT_BACKLOG = 50;

    private final LabSettings settings;
    private final Map<Integer, LabHost> hosts;
    private final List<String> layout;
    private final Set<Thread> liveThreads = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
    private final LabTls tls;
    private final LabServices services;
    private volatile boolean closed;
    private int port;

    private Lab(LabSettings settings, Map<Integer, LabHost> hosts, List<String> layout) {
        this.settings = settings;
        this.hosts = hosts;
        this.layout = layout;
        this.threads = Executors.newThreadPerTaskExecutor(trackedVirtualThreads());
        this.tls = hosts.values().stream().anyMatch(h -> h.personality().offersStartTls()) ? LabTls.generate() : null;
        RelayCourier courier = settings.deliverTo() == null ? null : new RelayCourier(settings, threads);
        this.services = new LabServices(settings, courier, tls == null ? null : tls.context(), new AtomicLong());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the hosts of a text spec: {@code address-or-CIDR=personality} items separated by commas,
     * e.g. {@code 127.0.1.1=open-relay,127.0.2.0/28=closed}. Port, delivery address and delays are set on the builder.
     */
    public static Builder fromSpec(String spec) {
        Builder builder = builder();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the lab spec is empty; give entries like 127.0.1.1=open-relay,127.0.2.0/28=closed");
        }
        for (String entry : spec.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("lab spec entry \"" + entry
                        + "\" has no personality; write it as address=personality, e.g. 127.0.1.1=open-relay");
            }
            builder.hosts(entry.substring(0, equals), Personality.fromSpecName(entry.substring(equals + 1)));
        }
        return builder;
    }

    /** The port every host listens on (the one picked when the builder asked for port 0). */
    public int port() {
        return port;
    }

    public int hostCount() {
        return hosts.size();
    }

    /** One line per block the lab was built from, e.g. "127.0.2.0/28 closed (16 hosts)". */
    public List<String> layout() {
        return layout;
    }

    /** Whether a lab host listens at {@code address} (other loopback addresses refuse connections). */
    public boolean hasHost(String address) {
        try {
            host(address);
            return true;
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    /** Connections accepted by the host at {@code address} so far. */
    public int connections(String address) {
        return host(address).connections();
    }

    /** The most recent command lines the host received, oldest first (bounded: see {@link LabSettings#commandLogLimit()}). */
    public List<String> commands(String address) {
        return host(address).commands();
    }

    /** The name the host announces in its greeting, EHLO reply and Received header. */
    public String hostName(String address) {
        return host(address).name();
    }

    /** Relayed messages the lab's relays have handed on to the delivery address. */
    public long deliveries() {
        return services.courier() == null ? 0 : services.courier().delivered();
    }

    /** Relayed messages given up on after every retry (or refused by the receiver, or cut short by close()). */
    public long deliveryFailures() {
        return services.courier() == null ? 0 : services.courier().failed();
    }

    /** Why relayed messages could not be handed on, by the last attempt's error; empty when none failed. */
    public java.util.Map<String, Long> deliveryFailureReasons() {
        return services.courier() == null ? java.util.Map.of() : services.courier().failures();
    }

    /** Lab threads still alive: listeners, sessions and deliveries. Zero once {@link #close()} returned. */
    int runningThreads() {
        return liveThreads.size();
    }

    /**
     * Closes every listener, connection and thread and deletes the TLS key store; the port is free again when this
     * returns. Deliveries still queued are abandoned.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        hosts.values().forEach(LabHost::stopListening);
        openConnections.forEach(Lab::closeQuietly);
        threads.shutdownNow();
        boolean ended = awaitThreads(System.nanoTime() + settings.closeGrace().toNanos());
        if (tls != null) {
            tls.close();
        }
        if (!ended) {
            throw new IllegalStateException(liveThreads.size() + " lab threads were still running "
                    + settings.closeGrace().toMillis() + " ms after close(); this is a lab bug, please report it");
        }
    }

    /** The executor's termination is signalled a moment before its threads end; join them so none outlives close(). */
    private boolean awaitThreads(long deadline) {
        try {
            threads.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            for (Thread thread : List.copyOf(liveThreads)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private LabHost host(String address) {
        LabHost host = hosts.get(LoopbackBlock.parseAddress(address, address));
        if (host == null) {
            throw new IllegalArgumentException(address + " is not a host of this lab");
        }
        return host;
    }

    private Lab listen() {
        try {
            List<ServerSocket> listeners = new ArrayList<>(hosts.size());
            for (LabHost host : hosts.values()) {
                ServerSocket listener = bind(host, port);
                host.listenOn(listener);
                listeners.add(listener);
                port = listener.getLocalPort();
            }
            int index = 0;
            for (LabHost host : hosts.values()) {
                ServerSocket listener = listeners.get(index++);
                threads.execute(() -> acceptLoop(host, listener));
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static ServerSocket bind(LabHost host, int port) {
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            if (host.personality().receiveBufferBytes() > 0) {
                listener.setReceiveBufferSize(host.personality().receiveBufferBytes());
            }
            listener.bind(new InetSocketAddress(host.inetAddress(), port), ACCEPT_BACKLOG);
            return listener;
        } catch (IOException e) {
            closeQuietly(listener);
            throw new UncheckedIOException("lab host " + host.literal() + ":" + port + " (" + host.personality().specName()
                    + ") could not listen: " + e.getMessage()
                    + "; another lab or mail server may hold that address and port: stop it or choose another port", e);
        }
    }

    private void acceptLoop(LabHost host, ServerSocket listener) {
        while (!closed) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException listenerClosed) {
                return;
            }
            host.connectionAccepted();
            openConnections.add(connection);
            try {
                threads.execute(() -> serve(host, connection));
            } catch (RejectedExecutionException closing) {
                openConnections.remove(connection);
                closeQuietly(connection);
            }
        }
    }

    private void serve(LabHost host, Socket connection) {
        try (connection) {
            // Pipelined replies are separate small writes; without this, Nagle's algorithm holds each second reply
            // until the client's delayed ACK, some 40 ms per pipelined group.
            connection.setTcpNoDelay(true);
            if (host.personality().speaksSmtp()) {
                new SmtpSession(host, services, connection).run();
            } else {
                new OtherServiceSession(host, services, connection).run();
            }
        } catch (IOException clientGone) {
            // the client hung up, timed out or the lab is closing: the session simply ends
        } finally {
            openConnections.remove(connection);
        }
    }

    /** Virtual threads the lab can account for: each leaves {@link #liveThreads} as its very last act. */
    private ThreadFactory trackedVirtualThreads() {
        ThreadFactory virtual = Thread.ofVirtual().name("smtprc-lab-", 0).factory();
        return task -> {
            Thread thread = virtual.newThread(() -> {
                try {
                    task.run();
                } finally {
                    liveThreads.remove(Thread.currentThread());
                }
            });
            liveThreads.add(thread);
            return thread;
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // closing is best effort: the resource is gone either way
        }
    }

    /** Collects the lab's layout and tunables; {@link #start()} binds every host. */
    public static final class Builder {

        /** A lab bigger than this is a typo (a /8 would be 16 million listeners), not a test network. */
        private static final int MAX_HOSTS = 65_536;

        private final LabSettings defaults = LabSettings.defaults();
        private int port = defaults.port();
        private InetSocketAddress deliverTo;
        private Duration replyDelay = defaults.replyDelay();
        private Duration lateDelivery = defaults.lateDelivery();
        private Duration tarpitDelay = defaults.tarpitDelay();
        private Duration errorSleep = defaults.errorSleep();
        private Duration idleTimeout = defaults.idleTimeout();
        private int maxMessageBytes = defaults.maxMessageBytes();
        private boolean pipelining = defaults.pipelining();
        private final Map<Integer, Personality> hosts = new LinkedHashMap<>();
        private final List<String> layout = new ArrayList<>();

        private Builder() {
        }

        /** The port every host listens on; 0 lets the first host pick a free port that all hosts then share. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("lab port " + port + " is out of range 0-65535");
            }
            this.port = port;
            return this;
        }

        /** Where relays hand relayed mail (the scanner's receiver). Loopback only. */
        public Builder deliverTo(InetSocketAddress receiver) {
            this.deliverTo = RelayCourier.requireLoopback(receiver);
            return this;
        }

        public Builder replyDelay(Duration delay) {
            this.replyDelay = nonNegative("reply delay", delay);
            return this;
        }

        public Builder lateDelivery(Duration delay) {
            this.lateDelivery = nonNegative("late delivery delay", delay);
            return this;
        }

        /** How long an error-limits host waits before each reply once past its soft error limit. */
        public Builder errorSleep(Duration sleep) {
            this.errorSleep = nonNegative("error sleep", sleep);
            return this;
        }

        public Builder tarpitDelay(Duration delay) {
            this.tarpitDelay = nonNegative("tarpit delay", delay);
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            if (nonNegative("idle timeout", timeout).isZero()) {
                throw new IllegalArgumentException("lab idle timeout must be positive");
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("lab message size limit " + bytes + " is too small; give at least 1024 bytes");
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Whether the hosts offer PIPELINING; without it a client speaks one command per round trip. */
        public Builder pipelining(boolean offered) {
            this.pipelining = offered;
            return this;
        }

        public Builder host(String address, Personality personality) {
            LoopbackBlock block = LoopbackBlock.parse(address);
            if (block.size() != 1) {
                throw new IllegalArgumentException("lab host \"" + address + "\" is a block; use hosts(...) for blocks");
            }
            return hosts(address, personality);
        }

        /** Every address of an IPv4 CIDR block (network and broadcast addresses included) with one personality. */
        public Builder hosts(String block, Personality personality) {
            Objects.requireNonNull(personality, "personality");
            LoopbackBlock parsed = LoopbackBlock.parse(block);
            if ((long) hosts.size() + parsed.size() > MAX_HOSTS) {
                throw new IllegalArgumentException("lab block " + block.strip() + " would make the lab larger than "
                        + MAX_HOSTS + " hosts; use smaller blocks");
            }
            for (int i = 0; i < parsed.size(); i++) {
                Personality existing = hosts.get(parsed.address(i));
                if (existing != null) {
                    throw new IllegalArgumentException("lab address " + LoopbackBlock.format(parsed.address(i))
                            + " is given twice (" + existing.specName() + " and " + personality.specName()
                            + " in " + block.strip() + "); give each address one personality");
                }
            }
            for (int i = 0; i < parsed.size(); i++) {
                hosts.put(parsed.address(i), personality);
            }
            layout.add(block.strip() + " " + personality.specName() + " (" + parsed.size()
                    + (parsed.size() == 1 ? " host)" : " hosts)"));
            return this;
        }

        /** Binds every host and starts listening; on any failure nothing is left bound. */
        public Lab start() {
            if (hosts.isEmpty()) {
                throw new IllegalStateException("the lab has no hosts; add some with host(...) or hosts(...)");
            }
            Map<Integer, LabHost> labHosts = new LinkedHashMap<>();
            hosts.forEach((address, personality) -> {
                if (personality.delivers() && deliverTo == null) {
                    throw new IllegalStateException("lab host " + LoopbackBlock.format(address) + " is a relay ("
                            + personality.specName() + ") and needs a delivery address: set deliverTo(...)");
                }
                labHosts.put(address, new LabHost(address, personality));
            });
            LabSettings settings = new LabSettings(port, deliverTo, replyDelay, lateDelivery, tarpitDelay, errorSleep,
                    idleTimeout,
                    maxMessageBytes, defaults.commandLogLimit(), defaults.deliveryAttempts(), defaults.deliveryBackoff(),
                    defaults.deliveryTimeout(), defaults.closeGrace(), pipelining);
            Lab lab = new Lab(settings, labHosts, List.copyOf(layout));
            lab.port = port;
            return lab.listen();
        }

        private static Duration nonNegative(String what, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("lab " + what + " must be zero or positive, got " + value);
            }
            return value;
        }
    }
}
