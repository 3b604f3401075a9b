package org.smtprc.history;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;

/** The reads behind diffs and host histories, each in its own short transaction. */
@Stateless
public class HistoryQueries {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    /** A scan's rows after the given position, in endpoint order, without their evidence. */
    public List<EndpointVerdict> rowsAfter(long scanId, long afterIndex, int limit) {
        return em.createQuery("select new org.smtprc.history.EndpointVerdict(h.address, h.port, h.verdict, h.detail,"
                        + " h.probedAt, h.endpointIndex) from HostRecord h where h.scanId = :scan"
                        + " and h.endpointIndex > :after order by h.endpointIndex", EndpointVerdict.class)
                .setParameter("scan", scanId)
                .setParameter("after", afterIndex)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The newest completed scan of the same schedule started before this one. */
    public Optional<Scan> previousOfSchedule(Scan scan) {
        return em.createQuery("select s from Scan s where s.scheduleId = :schedule and s.id < :id"
                        + " and s.status = :completed order by s.id desc", Scan.class)
                .setParameter("schedule", scan.getScheduleId())
                .setParameter("id", scan.getId())
                .setParameter("completed", ScanStatus.COMPLETED)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** Completed scans of the same ports started before this one, newest first (targets are compared by the caller). */
    public List<Scan> earlierCompletedWithPorts(Scan scan, int limit) {
        return em.createQuery("select s from Scan s where s.ports = :ports and s.id < :id"
                        + " and s.status = :completed order by s.id desc", Scan.class)
                .setParameter("ports", scan.getPorts())
                .setParameter("id", scan.getId())
                .setParameter("completed", ScanStatus.COMPLETED)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Every row of one address, newest scan first, with the scan that wrote it. */
    public List<AddressVerdict> rowsOf(String address, int limit) {
        return em.createQuery("select new org.smtprc.history.AddressVerdict(h.scanId, h.port, h.verdict,"
                        + " h.detail, h.probedAt, s.scheduleId, s.recheckOf) from HostRecord h, Scan s"
                        + " where s.id = h.scanId and h.address = :address order by h.scanId desc, h.port", AddressVerdict.class)
                .setParameter("address", address)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The newest completed scans. */
    public List<Scan> recentCompleted(int limit) {
        return em.createQuery("select s from Scan s where s.status = :completed order by s.id desc", Scan.class)
                .setParameter("completed", ScanStatus.COMPLETED)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The endpoints of one address the given scans recorded, as "scan:port". */
    public Set<String> recordedOf(String address, Collection<Long> scanIds) {
        if (scanIds.isEmpty()) {
            return Set.of();
        }
        return em.createQuery("select h.scanId, h.port from HostRecord h where h.address = :address"
                        + " and h.scanId in :scans", Object[].class)
                .setParameter("address", address)
                .setParameter("scans", scanIds)
                .getResultStream().map(row -> row[0] + ":" + row[1]).collect(Collectors.toSet());
    }
}
