package org.smtprc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.probe.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * SmtpRC's figures, registered with the MeterRegistry that WildFly's Micrometer subsystem hands the deployment (see
 * wildfly-config/metrics.cli; served for Prometheus at /metrics on the management interface). Counting stays off
 * the hot paths: gauges read state that exists anyway (the probe engine's live probes, the receiver's sessions, the
 * broker's queue), counters go up once per outcome written or per mail judged, never per SMTP command. The meters
 * go when the deployment does, so a redeployment starts from its own state.
 */
@ApplicationScoped
public class Meters {

    /** Prometheus shows it as smtprc_endpoints_probed_total{verdict="..."}. */
    public static final String PROBED = "smtprc.endpoints.probed";
    public static final String PROOFS = "smtprc.relays.proven";
    public static final String MAIL_RECEIVED = "smtprc.inbound.mail.received";
    public static final String MAIL_QUARANTINED = "smtprc.inbound.mail.quarantined";

    @Inject
    MeterRegistry registry;

    @Inject
    ProbeEngine engine;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final AtomicInteger scansRunning = new AtomicInteger();
    private final Set<String> registered = new LinkedHashSet<>();
    /** What function counters read: Micrometer holds it only weakly. */
    private final List<Supplier<Number>> read = new ArrayList<>();
    private final Map<Verdict, Counter> probed = new EnumMap<>(Verdict.class);
    private Counter proofs;
    private Counter received;
    private Counter quarantined;

    @PostConstruct
    void register() {
        for (Verdict verdict : Verdict.values()) {
            probed.put(verdict, registry.counter(named(PROBED), Tags.of("verdict", verdict.name())));
        }
        proofs = registry.counter(named(PROOFS));
        received = registry.counter(named(MAIL_RECEIVED));
        quarantined = registry.counter(named(MAIL_QUARANTINED));
        gauge("smtprc.scans.running", scansRunning::get);
        ProbeEngine probes = engine;
        gauge("smtprc.probes.in.flight", probes::live);
    }

    /*
     * Meters are registered through the registry's own methods (counter, gauge, more().counter), not through the
     * meter builders: the registry WildFly hands a deployment wraps the server's and passes on only those methods (a
     * builder's meter would stay in the wrapper, never scraped). What a gauge or function counter reads is kept
     * here, since Micrometer holds it only weakly.
     */

    /** A gauge of state the caller keeps; it reads the supplier only when scraped. */
    public synchronized void gauge(String name, Supplier<Number> value) {
        read.add(value);
        registry.gauge(named(name), Tags.empty(), value, v -> v.get().doubleValue());
    }

    /** A counter kept elsewhere (e.g. by the broker), read only when scraped; it must only ever grow. */
    public synchronized void functionCounter(String name, Supplier<Number> value) {
        read.add(value);
        registry.more().counter(named(name), Tags.empty(), value, v -> v.get().doubleValue());
    }

    /** Counts written outcomes by verdict, once the caller's transaction commits (a rolled-back chunk counts none). */
    public void probed(List<HostOutcome> outcomes) {
        int[] counts = new int[Verdict.values().length];
        for (HostOutcome outcome : outcomes) {
            counts[outcome.verdict().ordinal()]++;
        }
        afterCommit(() -> {
            for (Verdict verdict : Verdict.values()) {
                if (counts[verdict.ordinal()] > 0) {
                    probed.get(verdict).increment(counts[verdict.ordinal()]);
                }
            }
        });
    }

    public void proven() {
        proofs.increment();
    }

    public void received() {
        received.increment();
    }

    public void quarantined() {
        quarantined.increment();
    }

    public void scanStarted() {
        scansRunning.incrementAndGet();
    }

    public void scanEnded() {
        scansRunning.updateAndGet(running -> Math.max(0, running - 1));
    }

    private void afterCommit(Runnable count) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }

    private synchronized String named(String name) {
        registered.add(name);
        return name;
    }

    @PreDestroy
    synchronized void unregister() {
        for (String name : registered) {
            for (Meter meter : registry.find(name).meters()) {
                registry.remove(meter);
            }
        }
        registered.clear();
        read.clear();
    }
}
