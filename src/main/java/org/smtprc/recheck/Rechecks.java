package org.smtprc.recheck;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.probe.TestOutcome;
import org.smtprc.probe.Verdict;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.TestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored re-checks and their hosts. Each state change is its own transaction, claimed by a conditional update. */
@Stateless
public class Rechecks {

    /** Host rows read at a time: their tests are loaded with them and can be large. */
    private static final int PAGE = 500;

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    public Recheck create(Recheck recheck) {
        em.persist(recheck);
        return recheck;
    }

    public Optional<Recheck> find(long id) {
        return Optional.ofNullable(em.find(Recheck.class, id));
    }

    /** Pending re-checks whose time has come, oldest first. */
    public List<Long> due(Instant now, int limit) {
        return em.createQuery("select r.id from Recheck r where r.state = :pending and r.dueAt <= :now"
                        + " order by r.dueAt, r.id", Long.class)
                .setParameter("pending", RecheckState.PENDING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Takes a pending re-check for this server: false when another server (or tick) took it first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(long id, Instant now) {
        return em.createQuery("update Recheck r set r.state = :started, r.startedAt = :now"
                        + " where r.id = :id and r.state = :pending")
                .setParameter("started", RecheckState.STARTED)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("pending", RecheckState.PENDING)
                .executeUpdate() == 1;
    }

    /** The relaying hosts of a scan with the given verdicts, in scan order, without their tests' transcripts. */
    public List<RecheckPlan.Relay> relays(long scanId, Collection<Verdict> verdicts) {
        List<RecheckPlan.Relay> relays = new ArrayList<>();
        for (long after = -1; ; ) {
            List<HostRecord> page = relayPage(scanId, verdicts, after);
            for (HostRecord host : page) {
                relays.add(new RecheckPlan.Relay(host.getAddress(), host.getPort(), acceptedForms(host)));
                after = host.getEndpointIndex();
            }
            em.clear();
            if (page.size() < PAGE) {
                return relays;
            }
        }
    }

    public long countRelays(long scanId, Collection<Verdict> verdicts) {
        return em.createQuery("select count(h) from HostRecord h where h.scanId = :scan and h.verdict in :verdicts",
                        Long.class)
                .setParameter("scan", scanId)
                .setParameter("verdicts", verdicts)
                .getSingleResult();
    }

    /** The re-check scan is started: its id and the hosts it re-checks, still to be judged. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void started(long id, long recheckScanId, Collection<Verdict> verdicts, String note) {
        Recheck recheck = em.find(Recheck.class, id);
        recheck.started(recheckScanId, note);
        for (long after = -1; ; ) {
            List<HostRecord> page = relayPage(recheck.getOriginalScanId(), verdicts, after);
            for (HostRecord host : page) {
                em.persist(new RecheckHost(id, host.getId(), host.getAddress(), host.getPort(), host.getVerdict()));
                after = host.getEndpointIndex();
            }
            em.flush();
            em.clear();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long id, String reason) {
        em.find(Recheck.class, id).failed(reason, Instant.now());
    }

    public Optional<Long> byRecheckScan(long scanId) {
        return em.createQuery("select r.id from Recheck r where r.recheckScanId = :scan", Long.class)
                .setParameter("scan", scanId)
                .getResultStream().findFirst();
    }

    /** Started re-checks whose scan has completed and which nobody has judged yet (the server stopped meanwhile). */
    public List<Long> unjudged(int limit) {
        return em.createQuery("select r.id from Recheck r, Scan s where s.id = r.recheckScanId"
                        + " and r.state = :started and s.status = :completed order by r.id", Long.class)
                .setParameter("started", RecheckState.STARTED)
                .setParameter("completed", ScanStatus.COMPLETED)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Judges every host of a started re-check against what its scan found, once: the conditional update lets only
     * one caller (the completed scan's event or a server's poller) do it. Empty when someone else did.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<RecheckConcluded> conclude(long id) {
        Instant now = Instant.now();
        int claimed = em.createQuery("update Recheck r set r.state = :concluded, r.concludedAt = :now"
                        + " where r.id = :id and r.state = :started and r.recheckScanId is not null")
                .setParameter("concluded", RecheckState.CONCLUDED)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("started", RecheckState.STARTED)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        Recheck recheck = em.find(Recheck.class, id);
        Map<String, Object[]> found = new HashMap<>();
        em.createQuery("select h.address, h.port, h.id, h.verdict from HostRecord h where h.scanId = :scan",
                        Object[].class)
                .setParameter("scan", recheck.getRecheckScanId())
                .getResultStream()
                .forEach(row -> found.put(row[0] + " " + row[1], row));
        List<Long> fixed = new ArrayList<>();
        List<Long> stillRelaying = new ArrayList<>();
        Map<RecheckOutcome, Integer> tally = new EnumMap<>(RecheckOutcome.class);
        for (RecheckHost host : hosts(id)) {
            Object[] row = found.get(host.getAddress() + " " + host.getPort());
            host.judged(row == null ? null : (Long) row[2], row == null ? null : (Verdict) row[3], now);
            tally.merge(host.getOutcome(), 1, Integer::sum);
            if (host.getOutcome() == RecheckOutcome.FIXED) {
                fixed.add(host.getOriginalHostId());
            } else if (host.getOutcome() == RecheckOutcome.STILL_RELAYING) {
                stillRelaying.add(host.getOriginalHostId());
            }
        }
        recheck.concluded("re-check scan " + recheck.getRecheckScanId() + " judged: " + tally);
        return Optional.of(new RecheckConcluded(recheck.getOriginalScanId(), recheck.getRecheckScanId(), fixed,
                stillRelaying));
    }

    public List<Recheck> recent(RecheckState state, int limit) {
        String filter = state == null ? "" : " where r.state = :state";
        var query = em.createQuery("select r from Recheck r" + filter + " order by r.id desc", Recheck.class)
                .setMaxResults(limit);
        if (state != null) {
            query.setParameter("state", state);
        }
        return query.getResultList();
    }

    public List<Recheck> ofScan(long originalScanId) {
        return em.createQuery("select r from Recheck r where r.originalScanId = :scan order by r.id", Recheck.class)
                .setParameter("scan", originalScanId)
                .getResultList();
    }

    public List<RecheckHost> hosts(long recheckId) {
        return em.createQuery("select h from RecheckHost h where h.recheckId = :recheck order by h.id",
                        RecheckHost.class)
                .setParameter("recheck", recheckId)
                .getResultList();
    }

    /** Hosts re-checks found still relaying, newest first: the operator's to act on. */
    public List<RecheckHost> flagged(int limit) {
        return em.createQuery("select h from RecheckHost h where h.outcome = :still order by h.judgedAt desc, h.id desc",
                        RecheckHost.class)
                .setParameter("still", RecheckOutcome.STILL_RELAYING)
                .setMaxResults(limit)
                .getResultList();
    }

    private List<HostRecord> relayPage(long scanId, Collection<Verdict> verdicts, long afterIndex) {
        return em.createQuery("select h from HostRecord h where h.scanId = :scan and h.verdict in :verdicts"
                        + " and h.endpointIndex > :after order by h.endpointIndex", HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("verdicts", verdicts)
                .setParameter("after", afterIndex)
                .setMaxResults(PAGE)
                .getResultList();
    }

    private static List<String> acceptedForms(HostRecord host) {
        return host.getTests().stream()
                .filter(test -> test.getOutcome() == TestOutcome.ACCEPTED)
                .map(TestRecord::getForm)
                .toList();
    }

    /** The newest judged re-check results of one address (as scans store it), with the re-check they belong to. */
    public List<Object[]> judgedAt(String address, int limit) {
        return em.createQuery("select h, r from RecheckHost h, Recheck r where h.recheckId = r.id"
                        + " and h.address = :address and h.judgedAt is not null order by h.judgedAt desc, h.id desc",
                        Object[].class)
                .setParameter("address", address)
                .setMaxResults(limit)
                .getResultList();
    }
}
