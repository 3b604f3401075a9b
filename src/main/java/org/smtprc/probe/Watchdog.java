package org.smtprc.probe;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends probes whose host's time budget has run out, by closing their connections: what a socket timeout cannot
 * bound (a connect, a TLS handshake that drips a byte at a time, a read waiting inside a TLS record, a write to a
 * server that stopped reading) ends at the deadline all the same. One scheduler thread serves every probe in flight:
 * a probe costs one queued alarm, taken out again when the probe ends in time.
 */
final class Watchdog implements AutoCloseable {

    /** A scheduled alarm; {@link #cancel()} once it is no longer needed. */
    interface Alarm {
        void cancel();
    }

    private final ScheduledThreadPoolExecutor scheduler;

    Watchdog() {
        scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("smtprc-probe-watchdog").factory());
        // Most probes end before their deadline: their alarms leave the queue at once instead of piling up in it.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code action} on the watchdog's thread once {@code System.nanoTime()} reaches {@code atNanos}. */
    Alarm at(long atNanos, Runnable action) {
        ScheduledFuture<?> scheduled = scheduler.schedule(action, atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    /** Alarms waiting now (a gauge for tests: probes that ended leave none behind). */
    int pending() {
        return scheduler.getQueue().size();
    }

    /** Drops every alarm still waiting; probes then end by their socket timeouts alone. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
