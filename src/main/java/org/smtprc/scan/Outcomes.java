package org.smtprc.scan;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.config.Settings;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.TestResult;
import org.smtprc.probe.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns probe reports into rows, in the caller's (chunk) transaction. */
@Dependent
public class Outcomes {

    /**
     * Beyond its own budget a probe gets this much longer before the writer abandons it. The watchdog ends a
     * conversation at its deadline, so this only covers handing in the outcome on a busy server.
     */
    public static final Duration GRACE = Duration.ofSeconds(5);

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    Settings settings;

    /** The longest a writer waits for a probe that has started: its budget and the grace. */
    public static Duration patience(ScanOptions options) {
        return Duration.ofMillis(options.getHostBudgetMs()).plus(GRACE);
    }

    /**
     * Persists a chunk's outcomes. Endpoints that never answered are counted, and stored one row each only when
     * the scan asks for it; endpoints skipped as outside the scope always get their row, so the operator sees each
     * one. The block's position moves past the chunk in the same transaction.
     */
    public void record(long scanId, int blockNumber, List<Long> indices, List<HostOutcome> reports, long nextIndex) {
        Scan scan = em.find(Scan.class, scanId);
        boolean recordUnanswered = scan.getOptions().isRecordUnresponsive();
        long refused = 0;
        long unreachable = 0;
        for (int i = 0; i < reports.size(); i++) {
            HostOutcome report = reports.get(i);
            boolean unanswered = report.verdict() == Verdict.REFUSED || report.verdict() == Verdict.UNREACHABLE;
            if (report.verdict() == Verdict.REFUSED) {
                refused++;
            } else if (report.verdict() == Verdict.UNREACHABLE) {
                unreachable++;
            }
            if (!unanswered || recordUnanswered) {
                persist(scanId, indices.get(i), report);
            }
        }
        // Write the rows now and let go of them: a chunk of hundreds of hosts with their tests would otherwise stay
        // in the persistence context, and on the heap, until the chunk's commit.
        em.flush();
        em.clear();
        var query = em.createQuery("select b from ScanBlock b where b.scanId = :scan and b.number = :number",
                        ScanBlock.class)
                .setParameter("scan", scanId)
                .setParameter("number", blockNumber);
        if (settings.clusterEnabled()) {
            // Fencing: a node taken for dead may still be writing. The block's row is locked, so either its take-over
            // waits for this chunk, or this chunk sees it and rolls back; every endpoint keeps exactly one outcome.
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        ScanBlock block = query.getSingleResult();
        if (settings.clusterEnabled() && !Bounded.text(settings.nodeName(), 64).equals(block.getNode())) {
            // released (no node) counts too: a node taken for dead during a stop has its blocks released
            throw new IllegalStateException("block " + blockNumber + " of scan " + scanId + " is "
                    + (block.getNode() == null ? "no node's any more" : "node " + block.getNode() + "'s now")
                    + " while node " + settings.nodeName() + " seemed dead: this run of it stops");
        }
        block.advance(nextIndex, refused, unreachable);
    }

    private void persist(long scanId, long index, HostOutcome report) {
        HostRecord host = new HostRecord(scanId, index, report.endpoint().host(), report.endpoint().port());
        host.recordProbe(report.verdict(), report.banner(), report.capabilities(), report.tls(), report.detail(),
                report.started(), report.millis(), tests(report));
        em.persist(host);
    }

    static List<TestRecord> tests(HostOutcome report) {
        List<TestRecord> tests = new ArrayList<>(report.tests().size());
        int ordinal = 0;
        for (TestResult test : report.tests()) {
            tests.add(new TestRecord(ordinal++, test.form(), test.mailFrom(), test.rcptTo(), test.outcome(),
                    test.transcript(), test.millis()));
        }
        return tests;
    }
}
