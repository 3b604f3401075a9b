package org.smtprc.probe;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.smtprc.addresses.Endpoint;

/**
 * What a probe passes before it takes one of the engine's server-wide slots: at most so many probes of one host (its
 * ports) and of one network (an IPv4 /24, an IPv6 /64) at once, and at most so many new hosts a second. A customer's
 * small firewall sees a polite scanner, however large the scan. A network also holds at most
 * {@value #ADMITTED_PER_PERMIT} times its limit in probes at once, running or waiting at its gates: whoever submits
 * more waits in {@link #admit}, so a slow network holds up the callers that probe it and nobody else. A host has no
 * such cap: a scan's endpoints list a host's ports one after the other, and a caller held at one host would stop
 * handing the engine the hosts after it. Gates exist only while some probe uses them, so memory does not grow with the
 * range.
 */
final class ProbeGates {

    /**
     * Probes a network may hold per probe it may run: its next probes are ready the moment one ends, and it cannot
     * crowd the engine with waiters.
     */
    static final int ADMITTED_PER_PERMIT = 2;

    /**
     * @param perHost           probes of one address at once (its ports)
     * @param perNetwork        probes within one /24 (IPv6: /64) at once
     * @param newHostsPerSecond probes started per second across the server; 0 for no limit
     */
    record Limits(int perHost, int perNetwork, double newHostsPerSecond) {

        Limits {
            if (perHost < 1 || perNetwork < 1) {
                throw new IllegalArgumentException("per-host limit " + perHost + " and per-network limit "
                        + perNetwork + " must each allow at least 1 probe");
            }
            if (newHostsPerSecond < 0 || Double.isNaN(newHostsPerSecond)) {
                throw new IllegalArgumentException("a rate of " + newHostsPerSecond
                        + " new hosts per second makes no sense; give a positive number, or 0 for no limit");
            }
        }

        static Limits none() {
            return new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
        }
    }

    /**
     * One probe's way through the gates: {@link #admit} gives it a place among its network's probes, {@link #enter}
     * waits until its host and network have room and the rate allows a start, {@link #close} gives back what it holds.
     */
    final class Ticket implements AutoCloseable {

        private final String host;
        private final String network;
        private boolean hostEntered;
        private boolean networkEntered;
        private boolean closed;

        private Ticket(String host, String network) {
            this.host = host;
            this.network = network;
        }

        /** Waits until the host and the network have room and the rate allows a start. */
        void enter() throws InterruptedException {
            acquire(host, limits.perHost());
            hostEntered = true;
            gates.get(network).permits.acquire();
            networkEntered = true;
            pace();
        }

        /** Lets the next probe of the same host or network in; call once the probe ended (or will not run). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (networkEntered) {
                gates.get(network).permits.release();
            }
            if (hostEntered) {
                gates.get(host).permits.release();
                leave(host);
            }
            gates.get(network).admissions.release();
            leave(network);
        }
    }

    private static final class Gate {
        final Semaphore permits;
        /** Probes of a network in the engine (running or waiting); null for a host's gate. */
        final Semaphore admissions;
        int users;

        Gate(int limit, boolean admits) {
            permits = new Semaphore(limit);
            admissions = admits ? new Semaphore((int) Math.min(Integer.MAX_VALUE, (long) ADMITTED_PER_PERMIT * limit))
                    : null;
        }
    }

    private final Limits limits;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final long intervalNanos;
    private final AtomicLong nextStart = new AtomicLong(Long.MIN_VALUE);

    ProbeGates(Limits limits) {
        this.limits = limits;
        this.intervalNanos = limits.newHostsPerSecond() == 0 ? 0 : (long) (1e9 / limits.newHostsPerSecond());
    }

    /**
     * Admits a probe of {@code target}, waiting while its network holds {@value #ADMITTED_PER_PERMIT} times its limit
     * in probes. Runs on the caller's thread: the back-pressure of one network falls on those who probe it.
     */
    Ticket admit(Endpoint target) throws InterruptedException {
        String network = networkOf(target.address());
        Gate gate = join(network, limits.perNetwork(), true);
        try {
            gate.admissions.acquire();
        } catch (InterruptedException e) {
            leave(network);
            throw e;
        }
        return new Ticket("host " + target.host(), network);
    }

    /** Gates in use now (each host or network with a probe running or waiting). */
    int inUse() {
        return gates.size();
    }

    static String networkOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return "network " + (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        return "network " + HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }

    private Gate join(String key, int limit, boolean admits) {
        return gates.compute(key, (k, existing) -> {
            Gate g = existing == null ? new Gate(limit, admits) : existing;
            g.users++;
            return g;
        });
    }

    private void acquire(String key, int limit) throws InterruptedException {
        Gate gate = join(key, limit, false);
        try {
            gate.permits.acquire();
        } catch (InterruptedException e) {
            leave(key);
            throw e;
        }
    }

    private void leave(String key) {
        gates.computeIfPresent(key, (k, gate) -> --gate.users == 0 ? null : gate);
    }

    private void pace() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = nextStart.updateAndGet(previous -> Math.max(previous, now) + intervalNanos) - intervalNanos;
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
