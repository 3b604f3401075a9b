package org.smtprc.scan;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.Verdict;
import org.smtprc.addresses.Block;
import org.smtprc.config.Settings;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scans' persistent state: every read and write of scans and their blocks, each in its own transaction. */
@Stateless
public class Scans {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    Settings settings;

    public Scan create(Scan scan) {
        em.persist(scan);
        return scan;
    }

    public Scan find(long scanId) {
        Scan scan = em.find(Scan.class, scanId);
        if (scan == null) {
            throw new UnknownScanException(scanId);
        }
        return scan;
    }

    /**
     * Only the execution id and this node are written: the job's first listener attaches its execution while the
     * restart that started it is still moving the scan on, and writing the whole row would put back what it had read.
     * Job executions run where they are started, so the execution is this node's.
     */
    public void attachExecution(long scanId, long executionId) {
        int updated = em.createQuery("update Scan s set s.executionId = :execution, s.node = :node where s.id = :scan")
                .setParameter("execution", executionId)
                .setParameter("node", node())
                .setParameter("scan", scanId)
                .executeUpdate();
        if (updated == 0) {
            throw new UnknownScanException(scanId);
        }
    }

    /** The scan one of these job executions (a job instance's first run and its restarts) is attached to. */
    public Optional<Long> attachedToAny(List<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("select s.id from Scan s where s.executionId in :executions", Long.class)
                .setParameter("executions", executionIds)
                .getResultStream()
                .findFirst();
    }

    /**
     * Moves a scan that has ended without completing back to PROBING, for a restart that did not come through
     * {@link ScanService#restart}; targeted, so that it never overwrites the status of a scan that is running.
     * Returns whether it did.
     */
    public boolean resumeEnded(long scanId, String detail) {
        return em.createQuery("update Scan s set s.status = :probing, s.statusDetail = :detail, s.finishedAt = null"
                        + " where s.id = :scan and s.status in :ended")
                .setParameter("probing", ScanStatus.PROBING)
                .setParameter("detail", detail)
                .setParameter("scan", scanId)
                .setParameter("ended", List.of(ScanStatus.STOPPED, ScanStatus.FAILED, ScanStatus.INTERRUPTED))
                .executeUpdate() == 1;
    }

    public void moveTo(long scanId, ScanStatus status, String detail) {
        find(scanId).moveTo(status, detail);
    }

    public void finish(long scanId, ScanStatus status, String detail) {
        find(scanId).finished(status, Instant.now(), detail);
    }

    public void probingStarted(long scanId, String scannedFrom) {
        Scan scan = find(scanId);
        scan.probingStarted(Instant.now());
        if (scannedFrom != null) {
            scan.setScannedFrom(scannedFrom);
        }
    }

    public void probingEnded(long scanId) {
        find(scanId).probingEnded(Instant.now());
    }

    /** Creates the scan's blocks once; a restart finds them and keeps their progress. */
    public List<ScanBlock> planBlocks(long scanId, List<Block> plan) {
        em.find(Scan.class, scanId, LockModeType.PESSIMISTIC_WRITE);
        List<ScanBlock> existing = blocks(scanId);
        if (!existing.isEmpty()) {
            return existing;
        }
        for (Block block : plan) {
            em.persist(new ScanBlock(scanId, block.number(), block.start(), block.end()));
        }
        em.flush();
        return blocks(scanId);
    }

    /** In a cluster: the scan's blocks that no node has taken and are not done, marked as handed out now. */
    public List<ScanBlock> handOut(long scanId) {
        em.createQuery("update ScanBlock b set b.handedOutAt = :now where b.scanId = :scan and b.node is null")
                .setParameter("now", Instant.now())
                .setParameter("scan", scanId)
                .executeUpdate();
        return blocks(scanId).stream().filter(block -> block.getNode() == null && !block.isDone()).toList();
    }

    public List<ScanBlock> blocks(long scanId) {
        return em.createQuery("select b from ScanBlock b where b.scanId = :scan order by b.number", ScanBlock.class)
                .setParameter("scan", scanId)
                .getResultList();
    }

    public ScanBlock openBlock(long scanId, int number) {
        ScanBlock block = block(scanId, number);
        block.opened();
        return block;
    }

    /**
     * In a cluster: this node takes the block, unless a node already has (a message delivered twice). One conditional
     * update decides, so a block is taken once. Returns whether this node took it.
     */
    public boolean claimBlock(long scanId, int number) {
        return blockUpdate("b.node = :node", "b.node is null", scanId, number).executeUpdate() == 1;
    }

    /**
     * The job execution on this node that runs the block; nothing if the block is another node's now (taken over while
     * this node seemed dead: the job then stops at its first chunk, see {@link Outcomes#record}).
     */
    public void blockRunBy(long scanId, int number, long executionId) {
        blockUpdate("b.executionId = :execution", "b.node = :node", scanId, number)
                .setParameter("execution", executionId)
                .executeUpdate();
    }

    /**
     * In a cluster, when a block's job has completed: whether every block of the scan is done and probing may end,
     * decided exactly once per scan. The scan's row is locked first, so of two nodes finishing the last two blocks at
     * once the second waits and then sees both done, and the scan already past PROBING: only one gets true. That node
     * runs the scan's last part, and is the scan's node from here on.
     */
    public boolean concludeBlocks(long scanId) {
        Scan scan = em.find(Scan.class, scanId, LockModeType.PESSIMISTIC_WRITE);
        if (scan == null || scan.getStatus() != ScanStatus.PROBING) {
            return false;
        }
        if (blocks(scanId).stream().anyMatch(block -> !block.isDone())) {
            return false;
        }
        scan.blocksEnded(Instant.now(), node());
        return true;
    }

    /** The scan's status as the database has it now (not a managed entity a transaction may hold); none if gone. */
    public Optional<ScanStatus> status(long scanId) {
        return em.createQuery("select s.status from Scan s where s.id = :scan", ScanStatus.class)
                .setParameter("scan", scanId)
                .getResultStream().findFirst();
    }

    public boolean blockDone(long scanId, int number) {
        return block(scanId, number).isDone();
    }

    /**
     * In a cluster, while a stop is asked ({@code STOPPING}): once no live node runs an unfinished block of the scan,
     * the scan is {@code STOPPED}, decided once (the scan's row is locked, as in {@link #concludeBlocks}). Unfinished
     * blocks of a node whose lease has run out are released on the way, so that a restart hands them out again.
     * Returns whether this call stopped the scan.
     */
    public boolean concludeStop(long scanId) {
        Scan scan = em.find(Scan.class, scanId, LockModeType.PESSIMISTIC_WRITE);
        if (scan == null || scan.getStatus() != ScanStatus.STOPPING) {
            return false;
        }
        em.createQuery("update ScanBlock b set b.node = null, b.executionId = null where b.scanId = :scan"
                        + " and b.node in (select n.name from ClusterNode n where n.leaseUntil < :now)")
                .setParameter("scan", scanId)
                .setParameter("now", Instant.now())
                .executeUpdate();
        if (blocks(scanId).stream().anyMatch(block -> !block.isDone() && block.getNode() != null)) {
            return false;
        }
        scan.finished(ScanStatus.STOPPED, Instant.now(),
                "stopped by the operator: restart the scan to continue where it stopped");
        return true;
    }

    /** The scans a stop was asked of, in a cluster: each node's heartbeat looks whether they can be called stopped. */
    public List<Long> stopping() {
        return em.createQuery("select s.id from Scan s where s.status = :stopping", Long.class)
                .setParameter("stopping", ScanStatus.STOPPING)
                .getResultList();
    }

    /**
     * In a cluster, when a block's job on this node ended without completing it (it failed, or its server stopped or
     * redeployed): the block is nobody's again, and any live node takes it over at its next lease renewal (see
     * {@link NodeLeases#orphaned}). Nothing if it is another node's already. Returns whether it was released.
     */
    public boolean releaseBlock(long scanId, int number) {
        return blockUpdate("b.node = null, b.executionId = null", "b.node = :node", scanId, number).executeUpdate() == 1;
    }

    /** One conditional update of one block, naming this node as {@code :node}. */
    private Query blockUpdate(String set, String condition, long scanId, int number) {
        return em.createQuery("update ScanBlock b set " + set + " where b.scanId = :scan and b.number = :number"
                        + " and " + condition)
                .setParameter("node", node())
                .setParameter("scan", scanId)
                .setParameter("number", number);
    }

    private String node() {
        return Bounded.text(settings.nodeName(), 64);
    }

    ScanBlock block(long scanId, int number) {
        return em.createQuery("select b from ScanBlock b where b.scanId = :scan and b.number = :number", ScanBlock.class)
                .setParameter("scan", scanId)
                .setParameter("number", number)
                .getSingleResult();
    }

    public Progress progress(long scanId) {
        Object[] row = em.createQuery(
                        "select coalesce(sum(b.nextIndex - b.start), 0), coalesce(sum(b.refused), 0),"
                                + " coalesce(sum(b.unreachable), 0) from ScanBlock b where b.scanId = :scan", Object[].class)
                .setParameter("scan", scanId)
                .getSingleResult();
        return new Progress(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** Endpoints per verdict: live hosts from their rows, unanswered ones from the block counters. */
    public Map<Verdict, Long> counts(long scanId) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        List<Object[]> rows = em.createQuery(
                        "select h.verdict, count(h) from HostRecord h where h.scanId = :scan"
                                + " and h.verdict not in (:unanswered) group by h.verdict", Object[].class)
                .setParameter("scan", scanId)
                .setParameter("unanswered", List.of(Verdict.REFUSED, Verdict.UNREACHABLE))
                .getResultList();
        for (Object[] row : rows) {
            counts.put((Verdict) row[0], ((Number) row[1]).longValue());
        }
        Progress progress = progress(scanId);
        if (progress.refused() > 0) {
            counts.put(Verdict.REFUSED, progress.refused());
        }
        if (progress.unreachable() > 0) {
            counts.put(Verdict.UNREACHABLE, progress.unreachable());
        }
        return counts;
    }

    /** Hosts in report order (proven relays first), with their tests loaded. */
    public List<HostRecord> hosts(long scanId, Verdict verdict, int offset, int limit) {
        return hosts(scanId, verdict, HostOrder.REPORT, offset, limit);
    }

    /** A page of hosts in the given order, with their tests loaded. */
    public List<HostRecord> hosts(long scanId, Verdict verdict, HostOrder order, int offset, int limit) {
        String filter = verdict == null ? "" : " and h.verdict = :verdict";
        var query = em.createQuery("select h from HostRecord h where h.scanId = :scan" + filter
                        + " order by " + order.jpql(), HostRecord.class)
                .setParameter("scan", scanId)
                .setFirstResult(offset)
                .setMaxResults(limit);
        if (verdict != null) {
            query.setParameter("verdict", verdict);
        }
        return query.getResultList();
    }

    /**
     * A keyset page of the report (see {@link HostOrder#reportGroups()}): hosts with one of these verdicts after the
     * endpoint index, in endpoint order, with their tests loaded.
     */
    public List<HostRecord> hostsAfter(long scanId, Collection<Verdict> verdicts, long afterIndex, int limit) {
        return em.createQuery("select h from HostRecord h where h.scanId = :scan and h.verdict in :verdicts"
                        + " and h.endpointIndex > :after order by h.endpointIndex", HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("verdicts", verdicts)
                .setParameter("after", afterIndex)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Hosts that accepted a relay test and from which no probe message has come back yet. */
    public long awaitedConfirmations(long scanId) {
        return em.createQuery("select count(h) from HostRecord h where h.scanId = :scan and h.verdict in :awaiting",
                        Long.class)
                .setParameter("scan", scanId)
                .setParameter("awaiting", Arrays.stream(Verdict.values()).filter(Verdict::awaitsProof).toList())
                .getSingleResult();
    }

    /** Hosts whose tests were deferred with 4xx (greylisting): worth a second attempt later in the scan. */
    public List<HostRecord> greylisted(long scanId, long afterIndex, int limit) {
        return em.createQuery("select h from HostRecord h where h.scanId = :scan"
                        + " and h.endpointIndex > :after and h.verdict = org.smtprc.probe.Verdict.INCONCLUSIVE"
                        + " and h.deferred = true order by h.endpointIndex",
                        HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("after", afterIndex)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * The second attempt's findings replace the first's, with the host row locked: proof being applied to the old
     * tests right now commits first (see {@code ConfirmationLedger.replaceProbe}, which applies it again).
     */
    public HostRecord replaceProbe(long hostId, HostOutcome report) {
        HostRecord host = em.find(HostRecord.class, hostId, LockModeType.PESSIMISTIC_WRITE);
        host.reprobed(report.verdict(), report.banner(), report.capabilities(), report.tls(), report.detail(),
                report.started(), report.millis(), Outcomes.tests(report));
        return host;
    }

    public List<Scan> active() {
        return em.createQuery("select s from Scan s where s.status in :active order by s.id", Scan.class)
                .setParameter("active", List.of(ScanStatus.CREATED, ScanStatus.PROBING, ScanStatus.CONFIRMING,
                        ScanStatus.STOPPING))
                .getResultList();
    }

    public List<Scan> recent(int limit) {
        return em.createQuery("select s from Scan s order by s.id desc", Scan.class).setMaxResults(limit).getResultList();
    }

    public record Progress(long done, long refused, long unreachable) {
    }
}
