package org.smtprc.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanRequest;
import org.smtprc.scan.ScanService;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Operator actions on schedules. A schedule is checked completely before anything is stored (its expression, and its
 * scan request as a scan start would check it: targets, scope, size, profile, options): bad input changes nothing.
 * Every change, and every refusal, is audited.
 */
@ApplicationScoped
public class Schedules {

    private static final int MAX_NAME_CHARS = 200;

    @Inject
    ScheduleTimers timers;

    @Inject
    ScheduleStore store;

    @Inject
    ScanService scans;

    @Inject
    ScanRequestJson json;

    @Inject
    AuditTrail audit;

    public ScanSchedule create(ScheduleRequest request, Actor actor) {
        return audited(actor, "SCHEDULE_CREATED", null, () -> {
            if (request == null) {
                throw new InvalidScheduleException("give a name, when to run and the scan to run");
            }
            CalendarExpression when = when(request.when());
            ScanRequest scan = checked(request.scan());
            return timers.create(name(request.name()), when, json.write(scan), actor.name());
        });
    }

    /** Changes what is given (name, when, scan); what is left out stays as it was. */
    public ScanSchedule change(long id, ScheduleRequest request, Actor actor) {
        return audited(actor, "SCHEDULE_CHANGED", id, () -> {
            ScanSchedule now = store.find(id);
            if (request == null) {
                throw new InvalidScheduleException("give what to change: name, when or scan");
            }
            String name = request.name() == null ? now.getName() : name(request.name());
            CalendarExpression when = request.when() == null ? now.getWhen() : when(request.when());
            String scan = request.scan() == null ? now.getScanRequest() : json.write(checked(request.scan()));
            return timers.change(id, name, when, scan, actor.name());
        });
    }

    public ScanSchedule pause(long id, Actor actor) {
        return audited(actor, "SCHEDULE_PAUSED", id, () -> timers.setPaused(id, true, actor.name()));
    }

    public ScanSchedule resume(long id, Actor actor) {
        return audited(actor, "SCHEDULE_RESUMED", id, () -> timers.setPaused(id, false, actor.name()));
    }

    public void delete(long id, Actor actor) {
        ScanSchedule gone = store.find(id);
        timers.delete(id);
        audit.record(actor, "SCHEDULE_DELETED", null, describe(gone) + "; the scans it started are kept");
    }

    public ScanSchedule find(long id) {
        return store.find(id);
    }

    public List<ScanSchedule> all() {
        return store.all();
    }

    public List<ScheduleRun> runs(long id, int limit) {
        return store.runs(id, limit);
    }

    public List<Scan> scans(long id, int limit) {
        return store.scansOf(id, limit);
    }

    public Map<Long, Instant> nextRuns() {
        return timers.nextRuns();
    }

    public ScanRequest scanRequest(ScanSchedule schedule) {
        return json.read(schedule.getScanRequest());
    }

    private interface Action {
        ScanSchedule apply();
    }

    private ScanSchedule audited(Actor actor, String action, Long id, Action change) {
        try {
            ScanSchedule schedule = change.apply();
            audit.record(actor, action, null, describe(schedule));
            return schedule;
        } catch (IllegalArgumentException refused) {
            audit.record(actor, "SCHEDULE_REFUSED", null, (id == null ? "new schedule" : "schedule " + id) + " ("
                    + action + "): " + refused.getMessage());
            throw refused;
        }
    }

    private static String describe(ScanSchedule schedule) {
        return "schedule " + schedule.getId() + " (" + schedule.getName() + "): when [" + schedule.getWhen().text()
                + "]" + (schedule.isPaused() ? ", paused" : "") + "; scan " + schedule.getScanRequest();
    }

    private ScanRequest checked(ScanRequest scan) {
        if (scan == null) {
            throw new InvalidScheduleException("scan: give the scan each run starts (targets, ports, profile, options"
                    + " as for POST /api/scans)");
        }
        scans.check(scan);
        return scan;
    }

    private static CalendarExpression when(CalendarExpression given) {
        if (given == null) {
            throw new InvalidScheduleException("when: give the calendar expression, e.g. {\"dayOfWeek\": \"Mon\","
                    + " \"hour\": \"2\"} for every Monday at 02:00");
        }
        return given.normalized(ZoneId.systemDefault());
    }

    private static String name(String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidScheduleException("name: give the schedule a name, e.g. \"weekly customer ranges\"");
        }
        String name = given.strip();
        if (name.length() > MAX_NAME_CHARS || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidScheduleException("name: use at most " + MAX_NAME_CHARS
                    + " characters and no control characters");
        }
        return name;
    }
}
