package org.smtprc.notices;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.probe.Verdict;
import org.smtprc.scan.HostRecord;

import java.util.List;
import java.util.Optional;

/** The notices on record, and the hosts they are about; each call its own transaction. */
@Stateless
public class NoticeLog {


    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    public Notice record(Notice notice) {
        em.persist(notice);
        return notice;
    }

    /** The notices a scan caused or that are about it (a re-check's notices are about the scan it re-checked). */
    public List<Notice> forScan(long scanId, int limit) {
        return em.createQuery("select n from Notice n where n.scanId = :scan or n.aboutScanId = :scan order by n.id",
                        Notice.class)
                .setParameter("scan", scanId)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<Notice> recent(int limit) {
        return em.createQuery("select n from Notice n order by n.id desc", Notice.class).setMaxResults(limit)
                .getResultList();
    }

    /** The scan's proven relays (confirmed or anonymous), in endpoint order. */
    public List<HostRecord> provenRelays(long scanId) {
        return em.createQuery("select h from HostRecord h where h.scanId = :scan and h.verdict in :proven"
                        + " order by h.endpointIndex", HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("proven", Verdict.provenOnes())
                .getResultList();
    }

    public List<HostRecord> hosts(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select h from HostRecord h where h.id in :ids order by h.endpointIndex",
                        HostRecord.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /** The same endpoint in another scan (a re-check's own findings about a host). */
    public Optional<HostRecord> sameEndpoint(long scanId, HostRecord host) {
        return em.createQuery("select h from HostRecord h where h.scanId = :scan and h.address = :address"
                        + " and h.port = :port", HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("address", host.getAddress())
                .setParameter("port", host.getPort())
                .getResultStream().findFirst();
    }
}
