package org.smtprc.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile client for the receiver: many connections from chosen loopback source addresses that read the
 * greeting and then say nothing, holding their sockets. With {@link Builder#reopenAfter} a connection the server
 * closed or refused is opened again after that pause, so the pressure lasts. One thread and a selector carry
 * them all. It connects only to a loopback target, from loopback sources.
 */
public final class ConnectionFlood implements AutoCloseable {

    private static final int FIRST_LINE_LIMIT = 512;

    private final InetSocketAddress target;
    private final Duration reopenAfter;
    private final List<Slot> slots = new ArrayList<>();
    private final Selector selector;
    private final Thread loop;
    private final ByteBuffer scratch = ByteBuffer.allocate(4_096);
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong greeted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ConnectionFlood(InetSocketAddress target, List<InetAddress> sources, Duration reopenAfter) throws IOException {
        requireLoopback(target.getAddress(), "target");
        this.target = target;
        this.reopenAfter = reopenAfter;
        this.selector = Selector.open();
        for (InetAddress source : sources) {
            slots.add(new Slot(requireLoopback(source, "source")));
        }
        loop = Thread.ofPlatform().daemon().name("lab-flood").start(this::run);
    }

    public static Builder to(InetSocketAddress target) {
        return new Builder(target);
    }

    /** Until every connection has had its first answer (greeting, refusal or failure), or the time is up. */
    public boolean awaitSettled(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (settled.get() < slots.size()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Connections opened, reopenings included. */
    public long attempts() {
        return attempts.get();
    }

    /** Connections that got the 220 greeting. */
    public long greeted() {
        return greeted.get();
    }

    /** Greeted connections the server later closed (or told 421). */
    public long dropped() {
        return dropped.get();
    }

    /** Connections that could not be opened at all. */
    public long failed() {
        return failed.get();
    }

    /** Greeted connections open right now. */
    public long held() {
        return held.get();
    }

    /** Refusals in place of the greeting, by first line (e.g. "421 4.7.0 Too many connections ..."). */
    public Map<String, Long> refusals() {
        Map<String, Long> copy = new TreeMap<>();
        refusals.forEach((reply, count) -> copy.put(reply, count.get()));
        return copy;
    }

    public long refused() {
        return refusals.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public String toString() {
        return "flood of " + slots.size() + ": " + attempts() + " attempts, " + greeted() + " greeted, " + held()
                + " held, " + dropped() + " dropped, " + failed() + " failed, refusals " + refusals();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        selector.wakeup();
        loop.join(10_000);
    }

    private void run() {
        try (selector) {
            for (Slot slot : slots) {
                slot.open();
            }
            while (!closed) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Slot) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (Slot slot : slots) {
                    if (slot.reopenAt != 0 && now - slot.reopenAt >= 0) {
                        slot.open();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the flood's selector failed", e);
        } finally {
            slots.forEach(Slot::shut);
        }
    }

    private static InetAddress requireLoopback(InetAddress address, String role) {
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("flood " + role + " " + address + " is not a loopback address");
        }
        return address;
    }

    private final class Slot {
        private final InetAddress source;
        private SocketChannel channel;
        private final StringBuilder firstLine = new StringBuilder();
        private boolean greetedNow;
        private boolean settledOnce;
        private long reopenAt;

        Slot(InetAddress source) {
            this.source = source;
        }

        void open() {
            reopenAt = 0;
            firstLine.setLength(0);
            greetedNow = false;
            attempts.incrementAndGet();
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.bind(new InetSocketAddress(source, 0));
                if (channel.connect(target)) {
                    channel.register(selector, SelectionKey.OP_READ, this);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                over();
            }
        }

        void ready(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                } else if (key.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                if (greetedNow) {
                    dropped.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                over();
            }
        }

        private void read() throws IOException {
            scratch.clear();
            int n = channel.read(scratch);
            if (greetedNow) {
                // anything from the server now is its 421 or its closing: the connection is lost to the flood
                dropped.incrementAndGet();
                over();
                return;
            }
            if (n < 0) {
                refusal(firstLine.isEmpty() ? "closed without a word" : firstLine.toString());
                return;
            }
            for (int i = 0; i < n; i++) {
                char c = (char) (scratch.get(i) & 0xff);
                if (c == '\n' || firstLine.length() >= FIRST_LINE_LIMIT) {
                    String line = firstLine.toString().strip();
                    if (line.startsWith("220")) {
                        greetedNow = true;
                        greeted.incrementAndGet();
                        held.incrementAndGet();
                        settle();
                    } else {
                        refusal(line);
                    }
                    return;
                }
                firstLine.append(c);
            }
        }

        private void refusal(String line) {
            refusals.computeIfAbsent(line, l -> new AtomicLong()).incrementAndGet();
            over();
        }

        /** This connection is lost: settle it, close it, and open it again later if the flood reopens. */
        private void over() {
            settle();
            shut();
            if (reopenAfter != null && !closed) {
                reopenAt = System.nanoTime() + reopenAfter.toNanos();
                if (reopenAt == 0) {
                    reopenAt = 1;
                }
            }
        }

        private void settle() {
            if (!settledOnce) {
                settledOnce = true;
                settled.incrementAndGet();
            }
        }

        void shut() {
            if (greetedNow) {
                held.decrementAndGet();
                greetedNow = false;
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                channel = null;
            }
        }
    }

    public static final class Builder {
        private final InetSocketAddress target;
        private final List<InetAddress> sources = new ArrayList<>();
        private Duration reopenAfter;

        private Builder(InetSocketAddress target) {
            this.target = target;
        }

        /** {@code connections} connections from one loopback address, e.g. "127.0.32.1". */
        public Builder from(String address, int connections) {
            return fromEach(address, 1, connections);
        }

        /** {@code connectionsEach} connections from each of {@code addresses} consecutive addresses from {@code first}. */
        public Builder fromEach(String first, int addresses, int connectionsEach) {
            int start = LoopbackBlock.parseAddress(first, first);
            for (int a = 0; a < addresses; a++) {
                InetAddress source = LoopbackBlock.inetAddress(start + a);
                for (int c = 0; c < connectionsEach; c++) {
                    sources.add(source);
                }
            }
            return this;
        }

        /** Reopen a connection the server closed or refused after this pause (default: hold only what is given). */
        public Builder reopenAfter(Duration pause) {
            this.reopenAfter = pause;
            return this;
        }

        public ConnectionFlood start() throws IOException {
            return new ConnectionFlood(target, sources, reopenAfter);
        }
    }
}
