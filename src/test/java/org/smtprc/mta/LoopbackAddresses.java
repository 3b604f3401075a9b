package org.smtprc.mta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds loopback addresses to {@code lo} (Postfix binds only to addresses an interface carries) and removes on close
 * exactly those it added itself. Only 127.0.0.0/8 is ever touched.
 */
final class LoopbackAddresses implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<String> added = new ArrayList<>();

    /** Makes sure {@code address} is on {@code lo}; remembers it for removal only if this call added it. */
    synchronized void ensure(String address) {
        requireLoopback(address);
        if (present(address)) {
            return;
        }
        Commands.check(TIMEOUT, "ip", "addr", "add", address + "/32", "dev", "lo");
        added.add(address);
    }

    static boolean present(String address) {
        String out = Commands.check(TIMEOUT, "ip", "-4", "-o", "addr", "show", "dev", "lo");
        return out.contains(" " + address + "/");
    }

    static void requireLoopback(String address) {
        if (!address.startsWith("127.")) {
            throw new IllegalArgumentException("not a loopback address: " + address);
        }
    }

    @Override
    public synchronized void close() {
        for (String address : added) {
            Commands.run(TIMEOUT, "ip", "addr", "del", address + "/32", "dev", "lo");
        }
        added.clear();
    }
}
