package org.smtprc.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.smtprc.addresses.Endpoint;

/**
 * Runs probes concurrently, each on its own virtual thread, never more than {@code maxInFlight} at once. A caller
 * that submits beyond the limit waits in {@link #submit} until a probe finishes: the back-pressure that keeps a
 * large scan from opening more connections than the operator allowed. Within that, each probe waits for room in
 * its host and its network and for the start rate ({@link ProbeGates}) before it connects.
 */
public final class ProbeEngine implements AutoCloseable {

    /** How long {@link #close()} lets running probes finish before interrupting them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final Duration closeGrace;
    private final HostConversation.Limits probeLimits;
    private final Semaphore permits;
    private final ProbeGates gates;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param maxInFlight       probes running at once
     * @param perHost           probes of one address (its ports) at once
     * @param perNetwork        probes within one IPv4 /24 or IPv6 /64 at once
     * @param newHostsPerSecond probes started per second; 0 for no limit
     * @param testsPerSession   relay tests in one SMTP session at most (see {@link HostConversation.Limits})
     */
    public ProbeEngine(int maxInFlight, int perHost, int perNetwork, double newHostsPerSecond, int testsPerSession) {
        this(maxInFlight, CLOSE_GRACE, HostConversation.Limits.defaults().withTestsPerSession(testsPerSession),
                new ProbeGates.Limits(perHost, perNetwork, newHostsPerSecond));
    }

    ProbeEngine(int maxInFlight, Duration closeGrace, HostConversation.Limits probeLimits, ProbeGates.Limits limits) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at most " + maxInFlight + " probes in flight would never probe; "
                    + "allow at least 1");
        }
        this.closeGrace = closeGrace;
        this.probeLimits = probeLimits;
        this.permits = new Semaphore(maxInFlight);
        this.gates = new ProbeGates(limits);
    }

    /**
     * Starts probing {@code target}, first waiting for a free slot when {@code maxInFlight} probes are running.
     * If the calling thread is interrupted while waiting, the interrupt stays set and the future fails.
     *
     * @throws IllegalStateException when the engine is closed
     */
    public CompletableFuture<HostOutcome> submit(Endpoint target, ProbeSettings settings) {
        if (threads.isShutdown()) {
            throw new IllegalStateException("the probe engine is closed; no more probes can start");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HostOutcome> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try (ProbeGates.Pass pass = gates.enter(target)) {
                    result.complete(new HostConversation(target, settings, probeLimits).run());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw new IllegalStateException("the probe engine is closed; no more probes can start", e);
        }
        return result;
    }

    /** Lets running probes finish for the close grace, then interrupts the rest (they end with their verdicts). */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
                threads.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
