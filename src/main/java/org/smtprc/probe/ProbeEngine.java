package org.smtprc.probe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.smtprc.addresses.Endpoint;

/**
 * Runs probes concurrently, each on its own virtual thread, never more than {@code maxInFlight} conversations at
 * once, each within its host's budget, which one shared {@link Watchdog} holds by closing the connection at the
 * deadline.
 *
 * <p>The order in which a probe waits, and why:
 * <ol>
 *   <li>{@link #submit}, on the caller's thread: a place among its network's probes ({@link ProbeGates#admit}, at
 *       most twice as many as the network may run), then a place among the server's admitted probes (at most
 *       {@value #ADMITTED_PER_SLOT} times {@code maxInFlight}). This is the callers' back-pressure: submit never runs
 *       more than that far ahead of the probes, and a caller probing a slow network waits for that network only.</li>
 *   <li>On the probe's thread: room in its host and its network and the start rate ({@link ProbeGates.Ticket#enter}),
 *       and only then one of the {@code maxInFlight} server-wide slots. A probe waiting for its own network holds no
 *       slot, so one slow /24 cannot hold the slots that every other scan waits for: the slots count conversations,
 *       nothing else.</li>
 * </ol>
 * Slots and admissions are handed out first come, first served.
 */
public final class ProbeEngine implements AutoCloseable {

    /** How long {@link #close()} lets running probes finish before stopping them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /**
     * Probes admitted per server-wide slot: enough that a slot freed is taken at once by a probe that is ready, few
     * enough that callers stay close behind the probes.
     */
    static final int ADMITTED_PER_SLOT = 2;

    private final Duration closeGrace;
    private final HostConversation.Limits probeLimits;
    private final Semaphore admitted;
    private final Semaphore slots;
    private final ProbeGates gates;
    private final Watchdog watchdog = new Watchdog();
    private final Set<Probe> live = ConcurrentHashMap.newKeySet();
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
        this.admitted = new Semaphore((int) Math.min(Integer.MAX_VALUE, (long) ADMITTED_PER_SLOT * maxInFlight), true);
        this.slots = new Semaphore(maxInFlight, true);
        this.gates = new ProbeGates(limits);
    }

    /**
     * Starts probing {@code target}, first waiting (on the caller's thread) for a place among its network's probes and
     * among the server's; see the class comment. If the calling thread is interrupted while waiting, the interrupt
     * stays set and the probe's outcome fails.
     *
     * @throws IllegalStateException when the engine is closed
     */
    public Probe submit(Endpoint target, ProbeSettings settings) {
        if (threads.isShutdown()) {
            throw new IllegalStateException("the probe engine is closed; no more probes can start");
        }
        ProbeGates.Ticket ticket;
        try {
            ticket = gates.admit(target);
            try {
                admitted.acquire();
            } catch (InterruptedException e) {
                ticket.close();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed(target, settings.hostBudget(), e);
        }
        Probe probe = new Probe(target, settings.hostBudget());
        live.add(probe);
        try {
            threads.execute(() -> run(probe, ticket, settings));
        } catch (RejectedExecutionException e) {
            live.remove(probe);
            ticket.close();
            admitted.release();
            throw new IllegalStateException("the probe engine is closed; no more probes can start", e);
        }
        return probe;
    }

    /** The probe's own thread: its gates, a slot, the conversation; then everything it held is given back. */
    private void run(Probe probe, ProbeGates.Ticket ticket, ProbeSettings settings) {
        try (ticket) {
            if (!probe.begin()) {
                throw new InterruptedException("stopped before its turn");
            }
            ticket.enter();
            slots.acquire();
            try {
                probe.converse(new HostConversation(probe.target(), settings, probeLimits, watchdog));
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            probe.fail(e);
        } catch (RuntimeException | Error e) {
            probe.fail(e);
        } finally {
            admitted.release();
            live.remove(probe);
        }
    }

    /** Probes submitted and not ended: waiting for their turn or conversing (a gauge for tests and metrics). */
    public int live() {
        return live.size();
    }

    /**
     * Lets running probes finish for the close grace, then stops the rest: their connections are closed and they end
     * with their verdicts (probes still waiting their turn fail).
     */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                live.forEach(Probe::stop);
                threads.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            live.forEach(Probe::stop);
            Thread.currentThread().interrupt();
        } finally {
            watchdog.close();
        }
    }
}
