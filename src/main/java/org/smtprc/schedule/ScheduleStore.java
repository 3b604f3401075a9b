package org.smtprc.schedule;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The schedules' rows and their runs; each call in the caller's transaction, or its own. */
@Stateless
public class ScheduleStore {

    /** Runs kept per schedule, newest first. */
    static final int RUNS_KEPT = 50;

    private static final List<ScanStatus> ACTIVE = Arrays.stream(ScanStatus.values()).filter(ScanStatus::isActive)
            .toList();

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    public ScanSchedule create(ScanSchedule schedule) {
        em.persist(schedule);
        return schedule;
    }

    public ScanSchedule find(long id) {
        ScanSchedule schedule = em.find(ScanSchedule.class, id);
        if (schedule == null) {
            throw new UnknownScheduleException(id);
        }
        return schedule;
    }

    public ScanSchedule findOrNull(long id) {
        return em.find(ScanSchedule.class, id);
    }

    public List<ScanSchedule> all() {
        return em.createQuery("select s from ScanSchedule s order by s.id", ScanSchedule.class).getResultList();
    }

    /** The schedule and its run records; the scans it started stay. */
    public void delete(long id) {
        em.createQuery("delete from ScheduleRun r where r.scheduleId = :id").setParameter("id", id).executeUpdate();
        em.remove(find(id));
    }

    /** A scan this schedule started that is still active, or null. */
    public Long activeScanOf(long scheduleId) {
        return em.createQuery("select min(s.id) from Scan s where s.scheduleId = :id and s.status in :active", Long.class)
                .setParameter("id", scheduleId)
                .setParameter("active", ACTIVE)
                .getSingleResult();
    }

    public List<Scan> scansOf(long scheduleId, int limit) {
        return em.createQuery("select s from Scan s where s.scheduleId = :id order by s.id desc", Scan.class)
                .setParameter("id", scheduleId)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<ScheduleRun> runs(long scheduleId, int limit) {
        return em.createQuery("select r from ScheduleRun r where r.scheduleId = :id order by r.id desc", ScheduleRun.class)
                .setParameter("id", scheduleId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Records a firing on the schedule and in its runs (the oldest beyond {@link #RUNS_KEPT} go). */
    public void recordRun(ScheduleRun run, Instant nextRunAt) {
        ScanSchedule schedule = find(run.getScheduleId());
        schedule.ran(run.getAt(), run.getOutcome(), run.getScanId(), run.getNote());
        schedule.setNextRunAt(nextRunAt);
        em.persist(run);
        em.flush();
        List<Long> kept = em.createQuery("select r.id from ScheduleRun r where r.scheduleId = :id order by r.id desc",
                        Long.class)
                .setParameter("id", run.getScheduleId())
                .setFirstResult(RUNS_KEPT - 1)
                .setMaxResults(1)
                .getResultList();
        if (!kept.isEmpty()) {
            em.createQuery("delete from ScheduleRun r where r.scheduleId = :id and r.id < :oldest")
                    .setParameter("id", run.getScheduleId())
                    .setParameter("oldest", kept.get(0))
                    .executeUpdate();
        }
    }

    public void nextRunAt(long id, Instant nextRunAt) {
        ScanSchedule schedule = findOrNull(id);
        if (schedule != null) {
            schedule.setNextRunAt(nextRunAt);
        }
    }
}
