package org.smtprc.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Endpoint;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.probe.Verdict;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes count by verdict once their transaction commits, never when it rolls back; the meters go at undeploy. */
class MetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Transaction transaction = new Transaction();
    private Meters meters;
    private ProbeEngine engine;

    @BeforeEach
    void register() {
        engine = new ProbeEngine(4, 1, 4, 0, 1);
        meters = new Meters();
        meters.registry = registry;
        meters.engine = engine;
        meters.transactions = transaction;
        meters.register();
    }

    @Test
    void countsWrittenOutcomesByVerdictOnlyOnCommit() throws Exception {
        List<HostOutcome> chunk = List.of(outcome(Verdict.SECURED), outcome(Verdict.SECURED),
                outcome(Verdict.ACCEPTS_RELAY));

        transaction.status = Status.STATUS_ACTIVE;
        meters.probed(chunk);
        assertThat(probed(Verdict.SECURED)).as("not before the commit").isZero();
        transaction.complete(Status.STATUS_ROLLEDBACK);
        assertThat(probed(Verdict.SECURED)).as("a rolled-back chunk").isZero();

        transaction.status = Status.STATUS_ACTIVE;
        meters.probed(chunk);
        transaction.complete(Status.STATUS_COMMITTED);
        assertThat(probed(Verdict.SECURED)).isEqualTo(2);
        assertThat(probed(Verdict.ACCEPTS_RELAY)).isEqualTo(1);
        assertThat(probed(Verdict.REFUSED)).isZero();
        engine.close();
    }

    @Test
    void gaugesReadTheStateWhenScrapedAndAllMetersGoAtUndeploy() {
        meters.scanStarted();
        meters.scanStarted();
        meters.scanEnded();
        meters.gauge("smtprc.test.gauge", () -> 7);
        assertThat(registry.get("smtprc.scans.running").gauge().value()).isEqualTo(1);
        assertThat(registry.get("smtprc.probes.in.flight").gauge().value()).isZero();
        assertThat(registry.get("smtprc.test.gauge").gauge().value()).isEqualTo(7);

        meters.unregister();
        assertThat(registry.getMeters()).isEmpty();
        engine.close();
    }

    private double probed(Verdict verdict) {
        return registry.get(Meters.PROBED).tag("verdict", verdict.name()).counter().count();
    }

    private static HostOutcome outcome(Verdict verdict) throws Exception {
        return new HostOutcome(new Endpoint(InetAddress.getByAddress(new byte[]{127, 0, 78, 1}), 2525), verdict, "",
                "", false, verdict.label(), List.of(), Instant.now(), 1);
    }

    /** One transaction at a time, completed by the test. */
    private static final class Transaction implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int outcome) {
            status = outcome;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
