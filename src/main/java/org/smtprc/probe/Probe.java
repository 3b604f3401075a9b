package org.smtprc.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.smtprc.addresses.Endpoint;

/**
 * A probe handed to the {@link ProbeEngine}: it waits its turn (its gates, then a server-wide slot), then runs its
 * {@link HostConversation} within the host's time budget. Whoever waits for its outcome waits through the turn, then
 * at most until the budget's end plus a grace ({@link #await}). Cancelling {@link #outcome()} stops the probe and
 * closes its connection.
 */
public final class Probe {

    private final Endpoint target;
    private final Duration budget;
    private final Instant submitted = Instant.now();
    private final CompletableFuture<HostOutcome> outcome = new CompletableFuture<>();
    /** Completes when the conversation starts, and so the budget, or when the probe ends without one. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile HostConversation conversation;
    private volatile Thread runner;
    private volatile boolean stopped;
    private volatile long deadlineNanos;

    Probe(Endpoint target, Duration budget) {
        this.target = target;
        this.budget = budget;
        outcome.whenComplete((done, failure) -> {
            started.complete(null);
            if (outcome.isCancelled()) {
                stop();
            }
        });
    }

    /** A probe that could not be submitted: its outcome fails with {@code why}. */
    static Probe failed(Endpoint target, Duration budget, Throwable why) {
        Probe probe = new Probe(target, budget);
        probe.outcome.completeExceptionally(why);
        return probe;
    }

    public Endpoint target() {
        return target;
    }

    /** The outcome to come; cancelling it stops the probe. */
    public CompletableFuture<HostOutcome> outcome() {
        return outcome;
    }

    /**
     * Waits for the outcome: as long as the probe waits its turn, then until its host's budget ends plus
     * {@code grace}. A probe still running by then is stopped and abandoned: the outcome is inconclusive and says so.
     * A probe that failed (the engine closed before its turn, say) gets an inconclusive outcome that says why.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the probe runs on
     */
    public HostOutcome await(Duration grace) throws InterruptedException {
        try {
            started.get();
            long left = deadlineNanos + grace.toNanos() - System.nanoTime();
            return outcome.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon("abandoned: the probe had not ended " + ProbeText.millis(grace)
                    + " after its host time budget of " + ProbeText.millis(budget) + " ran out");
        } catch (CancellationException e) {
            return unfinished("the probe was cancelled");
        } catch (ExecutionException e) {
            return unfinished(e.getCause() instanceof InterruptedException
                    ? "the probe was stopped before its turn came (the scan or the server was stopping)"
                    : "the probe failed: " + e.getCause());
        }
    }

    /**
     * Gives up on the probe: it is stopped, and its outcome, unless it came in the meantime, is inconclusive with
     * {@code why} as its detail.
     */
    public HostOutcome abandon(String why) {
        outcome.complete(unfinished(why));
        stop();
        return outcome.isCompletedExceptionally() ? unfinished(why) : outcome.getNow(null);
    }

    /** Stops the probe, from any thread: one waiting its turn never starts, a running one has its connection closed. */
    void stop() {
        stopped = true;
        HostConversation running = conversation;
        if (running != null) {
            running.stop();
        }
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Called on the probe's own thread when it starts waiting its turn; false when it was stopped already. */
    boolean begin() {
        runner = Thread.currentThread();
        return !stopped;
    }

    /** Runs the conversation on the probe's own thread and hands in its outcome. */
    void converse(HostConversation running) {
        conversation = running;
        deadlineNanos = running.deadlineNanos();
        started.complete(null);
        if (stopped) {
            running.stop();
        }
        outcome.complete(running.run());
    }

    /** The probe ended without an outcome (stopped while waiting its turn, or a bug). */
    void fail(Throwable why) {
        outcome.completeExceptionally(why);
    }

    private HostOutcome unfinished(String why) {
        return new HostOutcome(target, Verdict.INCONCLUSIVE, null, null, false, why, List.of(), submitted,
                Duration.between(submitted, Instant.now()).toMillis());
    }
}
