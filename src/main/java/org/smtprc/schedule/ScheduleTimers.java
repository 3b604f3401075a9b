package org.smtprc.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.NoMoreTimeoutsException;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanOrigin;
import org.smtprc.scan.ScanService;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The schedules' timers: one persistent calendar timer per schedule that is not paused, its info the schedule's id,
 * kept by WildFly's timer service (its data store survives restarts). A schedule's row and its timer change in one
 * transaction. Each firing starts the schedule's scan as any scan is started (validated, scope-checked, audited),
 * unless {@link RunDecision} says otherwise. Firings and changes take turns (one lock), so a schedule is never
 * changed half-way through a firing.
 */
@Singleton
@Startup
@DependsOn("ScanRecovery")
@Lock(LockType.WRITE)
@AccessTimeout(value = 1, unit = TimeUnit.MINUTES)
public class ScheduleTimers {

    private static final Logger LOG = Logger.getLogger(ScheduleTimers.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    ScheduleStore store;

    @Inject
    ScanService scans;

    @Inject
    ScanRequestJson json;

    @Inject
    AuditTrail audit;

    /** Runs due before this moment were missed while the server was down. */
    private Instant started;

    /** Schedules that had their one catch-up run since the server started. */
    private final Set<Long> caughtUp = new HashSet<>();

    @PostConstruct
    void start() {
        started = Instant.now();
    }

    public ScanSchedule create(String name, CalendarExpression when, String scanRequest, String actor) {
        ScanSchedule schedule = store.create(new ScanSchedule(name, when, scanRequest, actor, Instant.now()));
        schedule.setNextRunAt(arm(schedule.getId(), when));
        return schedule;
    }

    public ScanSchedule change(long id, String name, CalendarExpression when, String scanRequest, String actor) {
        ScanSchedule schedule = store.find(id);
        schedule.define(name, when, scanRequest);
        schedule.changed(actor, Instant.now());
        disarm(id);
        schedule.setNextRunAt(schedule.isPaused() ? null : arm(id, when));
        return schedule;
    }

    /** Resumed, it runs at the expression's next time from now: runs that fell due while paused are not made up. */
    public ScanSchedule setPaused(long id, boolean paused, String actor) {
        ScanSchedule schedule = store.find(id);
        schedule.setPaused(paused);
        schedule.changed(actor, Instant.now());
        disarm(id);
        schedule.setNextRunAt(paused ? null : arm(id, schedule.getWhen()));
        return schedule;
    }

    public void delete(long id) {
        store.find(id);
        disarm(id);
        store.delete(id);
    }

    /** When each armed schedule runs next, by schedule id, as the timer service says. */
    @Lock(LockType.READ)
    public Map<Long, Instant> nextRuns() {
        Map<Long, Instant> next = new HashMap<>();
        for (Timer timer : timerService.getTimers()) {
            try {
                if (timer.getInfo() instanceof Long id) {
                    next.put(id, timer.getNextTimeout().toInstant());
                }
            } catch (NoMoreTimeoutsException | NoSuchObjectLocalException gone) {
                // expired or cancelled meanwhile: no next run
            }
        }
        return next;
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void fire(Timer timer) {
        Long id = null;
        try {
            id = (Long) timer.getInfo();
            Instant next = next(timer);
            run(id, timer, next);
        } catch (NoSuchObjectLocalException cancelled) {
            LOG.fine(() -> "a schedule's timer fired as it was cancelled: nothing to do");
        } catch (RuntimeException failed) {
            // never let a firing fail: the timer service would retry it at once
            LOG.log(Level.SEVERE, "schedule " + id + ": the run failed", failed);
            recordFailure(id, failed);
        }
    }

    private void run(long id, Timer timer, Instant next) {
        Instant now = Instant.now();
        ScanSchedule schedule = store.findOrNull(id);
        Long active = schedule == null ? null : store.activeScanOf(id);
        RunDecision decision = RunDecision.of(schedule != null, schedule != null && schedule.isPaused(), active,
                schedule == null ? null : schedule.getNextRunAt(), started, caughtUp.contains(id));
        if (decision.catchUp()) {
            caughtUp.add(id);
        }
        String catchUp = decision.catchUp() ? "catch-up for the run due at " + schedule.getNextRunAt()
                + ", missed while the server was down; " : "";
        Actor actor = actor(id);
        switch (decision.action()) {
            case CANCEL_TIMER -> {
                timer.cancel();
                LOG.info(() -> "cancelled the timer of schedule " + id + ": the schedule is "
                        + (schedule == null ? "gone" : "paused"));
            }
            case DROP_MISSED -> {
                store.nextRunAt(id, next);
                LOG.info(() -> "schedule " + id + ": the run due at " + schedule.getNextRunAt()
                        + " was missed while the server was down and is dropped: the catch-up run made up for it");
            }
            case SKIP_OVERLAP -> {
                String note = catchUp + "skipped: scan " + active + " of this schedule is still active";
                store.recordRun(new ScheduleRun(id, now, RunOutcome.SKIPPED, active, decision.catchUp(), note), next);
                audit.record(actor, "SCHEDULE_RUN_SKIPPED", active, "schedule " + id + " (" + schedule.getName()
                        + "): " + note);
            }
            case RUN -> {
                try {
                    Scan scan = scans.start(json.read(schedule.getScanRequest()), actor, ScanOrigin.schedule(id));
                    store.recordRun(new ScheduleRun(id, now, RunOutcome.STARTED, scan.getId(), decision.catchUp(),
                            catchUp + "started scan " + scan.getId()), next);
                } catch (IllegalArgumentException refused) {
                    // audited by the scan service (SCAN_REFUSED); the schedule keeps going
                    store.recordRun(new ScheduleRun(id, now, RunOutcome.REFUSED, null, decision.catchUp(),
                            catchUp + "refused: " + refused.getMessage()), next);
                }
            }
        }
    }

    private void recordFailure(Long id, RuntimeException failed) {
        if (id == null) {
            return;
        }
        try {
            String note = "the scan could not be started: " + failed + " (see the server log)";
            store.recordRun(new ScheduleRun(id, Instant.now(), RunOutcome.FAILED, null, false, note),
                    store.find(id).getNextRunAt());
            audit.record(actor(id), "SCHEDULE_RUN_FAILED", null, "schedule " + id + ": " + note);
        } catch (RuntimeException alsoFailed) {
            LOG.log(Level.WARNING, "schedule " + id + ": the failed run could not be recorded", alsoFailed);
        }
    }

    private static Actor actor(long id) {
        return new Actor("schedule " + id, "server");
    }

    /** A persistent calendar timer for the schedule; its first due time. Refused if the expression never comes. */
    private Instant arm(long id, CalendarExpression when) {
        Timer timer;
        try {
            timer = timerService.createCalendarTimer(when.toScheduleExpression(), new TimerConfig(id, true));
        } catch (IllegalArgumentException refused) {
            throw new InvalidScheduleException("when [" + when.text() + "] is refused by the timer service: "
                    + refused.getMessage());
        }
        Instant first = next(timer);
        if (first == null) {
            throw new InvalidScheduleException("when [" + when.text() + "] never comes (e.g. a year in the past,"
                    + " or a day the months named do not have): nothing was stored");
        }
        return first;
    }

    private void disarm(long id) {
        for (Timer timer : timerService.getTimers()) {
            try {
                if (Long.valueOf(id).equals(timer.getInfo())) {
                    timer.cancel();
                }
            } catch (NoSuchObjectLocalException gone) {
                // cancelled or expired meanwhile
            }
        }
    }

    private static Instant next(Timer timer) {
        try {
            return timer.getNextTimeout().toInstant();
        } catch (NoMoreTimeoutsException none) {
            return null;
        }
    }
}
