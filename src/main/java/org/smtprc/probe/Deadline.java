package org.smtprc.probe;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The end of a host's time budget, and a hard one: every wait in the conversation is cut to what is left of it, and
 * when it passes the {@link Watchdog} closes the connection it guards, whatever the probe was blocked in. A probe
 * can also be stopped before its deadline ({@link #stop()}, when its outcome is no longer wanted): the same, sooner.
 */
final class Deadline {

    private final Duration budget;
    private final long endNanos;
    private final Watchdog.Alarm alarm;
    private volatile boolean ended;
    private volatile boolean stopped;
    /** The connection the probe is using now; closed at the deadline. */
    private Socket guarded;

    /** Starts the budget now, with an alarm at its end. */
    Deadline(Duration budget, Watchdog watchdog) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
        this.alarm = watchdog.at(endNanos, this::end);
    }

    /** Whether the budget ran out or the probe was stopped. */
    boolean passed() {
        return ended || System.nanoTime() - endNanos >= 0;
    }

    /** Whether the probe was stopped rather than running out of time. */
    boolean stopped() {
        return stopped;
    }

    /** When the budget ends, in {@link System#nanoTime()}. */
    long endNanos() {
        return endNanos;
    }

    /** Why the conversation cannot go on, for details and transcripts: the budget ran out, or the probe was stopped. */
    String reason() {
        return stopped ? "the probe was stopped" : "the host time budget of " + ProbeText.millis(budget) + " ran out";
    }

    /** The exception that ends whatever the conversation was waiting for once this has passed. */
    BudgetExhaustedException exhausted() {
        return new BudgetExhaustedException(stopped ? "probe stopped" : "host time budget used up");
    }

    /**
     * The socket timeout for a wait that would like {@code wanted}: no longer than what is left of the budget.
     *
     * @throws BudgetExhaustedException when nothing is left
     */
    int timeoutMillis(Duration wanted) throws BudgetExhaustedException {
        long remainingNanos = endNanos - System.nanoTime();
        if (remainingNanos <= 0 || ended) {
            throw exhausted();
        }
        long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
        return (int) Math.min(Math.min(wanted.toMillis(), remainingMillis), Integer.MAX_VALUE);
    }

    /**
     * Makes {@code socket} the connection to close at the deadline (a probe holds one connection at a time). Guard the
     * TCP socket itself, not a TLS layer on it: closing a TLS socket may wait for a write in progress.
     */
    synchronized void guard(Socket socket) {
        guarded = socket;
        if (ended) {
            abort(socket);
        }
    }

    /** Stops the probe now: its connection is closed and the conversation ends as if its budget had run out. */
    void stop() {
        stopped = true;
        end();
    }

    /** The probe is over: the alarm is no longer needed. */
    void release() {
        alarm.cancel();
    }

    private synchronized void end() {
        ended = true;
        if (guarded != null) {
            abort(guarded);
        }
    }

    /** Closes at once with a reset: a host that stopped reading would otherwise keep our unsent bytes queued. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException notConnected) {
            // a socket that never connected has nothing queued
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
