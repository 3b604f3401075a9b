package org.smtprc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.List;
import java.util.Map;
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
    private final List<Meter> registered = new ArrayList<>();
    /** What function counters read: Micrometer holds it only weakly. */
    private final List<Supplier<Number>> read = new ArrayList<>();
    private final Map<Verdict, Counter> probed = new EnumMap<>(Verdict.class);
    private Counter proofs;
    private Counter received;
    private Counter quarantined;

    @PostConstruct
    void register() {
        for (Verdict verdict : Verdict.values()) {
            probed.put(verdict, keep(Counter.builder(PROBED).tag("verdict", verdict.name())
                    .description("Endpoints probed, by the verdict their probe wrote (before any proof came back)")
                    .register(registry)));
        }
        proofs = keep(Counter.builder(PROOFS)
                .description("Relayed probe mails whose token proved a relay test (each proof counted once)")
                .register(registry));
        received = keep(Counter.builder(MAIL_RECEIVED)
                .description("Mails the receiver accepted and put on the inbound queue").register(registry));
        quarantined = keep(Counter.builder(MAIL_QUARANTINED)
                .description("Inbound mails that proved nothing and went to the quarantine").register(registry));
        gauge("smtprc.scans.running", "Scans whose batch job is running now", scansRunning::get);
        ProbeEngine probes = engine;
        gauge("smtprc.probes.in.flight", "Probes submitted and not yet ended (waiting for their turn or conversing)",
                probes::live);
    }

    /** A gauge of state the caller keeps; it reads the supplier only when scraped. */
    public void gauge(String name, String description, Supplier<Number> value) {
        keep(Gauge.builder(name, value).description(description).strongReference(true).register(registry));
    }

    /** A counter kept elsewhere (e.g. by the broker), read only when scraped; it must only ever grow. */
    public synchronized void functionCounter(String name, String description, Supplier<Number> value) {
        read.add(value);
        keep(FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description)
                .register(registry));
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

    private synchronized <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }

    @PreDestroy
    synchronized void unregister() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        registered.clear();
        read.clear();
    }
}
