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
 * What a probe passes before it connects, besides the engine's global in-flight limit: at most so many probes of
 * one host (its ports) and of one network (an IPv4 /24, an IPv6 /64) at once, and at most so many new hosts a
 * second. A customer's small firewall sees a polite scanner, however large the scan. Gates exist only while some
 * probe uses them, so memory does not grow with the range.
 */
final class ProbeGates {

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

    /** Held while a probe runs; closing it lets the next probe of the same host or network in. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Gate {
        final Semaphore permits;
        int users;

        Gate(int limit) {
            permits = new Semaphore(limit);
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

    /** Waits until the target's host and network have room and the rate allows a start. */
    Pass enter(Endpoint target) throws InterruptedException {
        String host = "host " + target.host();
        String network = networkOf(target.address());
        acquire(host, limits.perHost());
        try {
            acquire(network, limits.perNetwork());
        } catch (InterruptedException e) {
            release(host);
            throw e;
        }
        try {
            pace();
        } catch (InterruptedException e) {
            release(network);
            release(host);
            throw e;
        }
        return () -> {
            release(network);
            release(host);
        };
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

    private void acquire(String key, int limit) throws InterruptedException {
        Gate gate = gates.compute(key, (k, existing) -> {
            Gate g = existing == null ? new Gate(limit) : existing;
            g.users++;
            return g;
        });
        try {
            gate.permits.acquire();
        } catch (InterruptedException e) {
            leave(key);
            throw e;
        }
    }

    private void release(String key) {
        gates.get(key).permits.release();
        leave(key);
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
