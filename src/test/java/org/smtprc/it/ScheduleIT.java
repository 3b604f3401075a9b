package org.smtprc.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules on a real WildFly of their own (its own server directory, so that no timer of this test is left in a
 * data directory another test's server uses): a schedule every 5 seconds runs and starts scans that name it, never
 * two at once (a slow lab host makes each scan outlast the interval, so runs are skipped); a paused schedule does not
 * run and resumes; the schedule survives a restart of the server with one catch-up run, not a burst; deleted, it
 * stops, and its scans stay. Bad schedules are refused and nothing is stored.
 */
class ScheduleIT {

    /** Beside the Arquillian server of the same run (its offset + 50), so the two never share a port. */
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 50;
    private static final int RECEIVER_PORT = Integer.getInteger("smtprc.it.receiver-port", 10125) + 50;
    private static final Path BASE_DIR = Path.of("target/schedule-drill/h2");
    private static final String EVERY_5_SECONDS = "{\"second\": \"*/5\", \"minute\": \"*\", \"hour\": \"*\", \"timezone\": \"UTC\"}";
    /** Says nothing: each scan waits the 7 s command timeout for a greeting, longer than the schedule's interval. */
    private static final String SILENT_HOST = "127.0.74.1";
    private static final String CLOSED_HOST = "127.0.74.2";
    private static final Duration INTERVALS_2 = Duration.ofSeconds(11);

    private WildFlyProcess server;
    private Lab lab;
    private ScanApi api;
    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (server != null && api != null) {
                for (long id : created) {
                    api.send("DELETE", "api/schedules/" + id, Map.of("X-SmtpRC-Request", "1"), null);
                }
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aScheduleRunsWithoutOverlapPausesSurvivesARestartAndStopsWhenDeleted() throws Exception {
        WildFlyProcess.deleteTree(BASE_DIR);
        lab = Lab.builder().port(2525)
                .host(SILENT_HOST, Personality.SILENT)
                .host(CLOSED_HOST, Personality.CLOSED)
                .start();
        server = start();
        api = new ScanApi(server.baseUri(), TestUsers.OPERATOR);

        badSchedulesAreRefusedAndNothingIsStored();

        // runs, never overlapping: each scan outlasts the interval, so some runs are skipped
        long id = create("{\"name\": \"every 5 s\", \"when\": " + EVERY_5_SECONDS + ", \"scan\": " + scanOf(SILENT_HOST, 7000) + "}");
        JsonObject shown = schedule(id);
        assertThat(shown.getString("whenText")).isEqualTo("second=*/5 minute=* hour=* timezone=UTC");
        assertThat(shown.getString("nextRun")).isNotEmpty();
        awaitRuns(id, runs -> count(runs, "SKIPPED") >= 1 && finishedScans(id) >= 2, Duration.ofSeconds(75));
        List<JsonObject> scans = scansOf(id);
        assertThat(scans).allMatch(s -> s.getJsonNumber("scheduleId").longValue() == id);
        assertNoTwoActiveAtOnce(scans);
        JsonObject skipped = runs(id).stream().filter(r -> r.getString("outcome").equals("SKIPPED")).findFirst().orElseThrow();
        assertThat(skipped.getString("note")).contains("skipped: scan " + skipped.getJsonNumber("scanId") + " of this schedule is still active");
        assertThat(audit()).anyMatch(a -> a.getString("action").equals("SCHEDULE_RUN_SKIPPED")
                && a.getString("actor").equals("schedule " + id));

        // paused, it does not run; resumed, it runs again
        JsonObject paused = post("api/schedules/" + id + "/pause", 200);
        assertThat(paused.getBoolean("paused")).isTrue();
        assertThat(has(paused, "nextRun")).isFalse();
        awaitNoActiveScan(id);
        int runsWhilePaused = runs(id).size();
        int scansWhilePaused = scansOf(id).size();
        Thread.sleep(INTERVALS_2.toMillis());
        assertThat(runs(id)).hasSize(runsWhilePaused);
        assertThat(scansOf(id)).hasSize(scansWhilePaused);
        Instant resumedAt = Instant.now();
        assertThat(post("api/schedules/" + id + "/resume", 200).getBoolean("paused")).isFalse();
        awaitRuns(id, runs -> runs.stream().anyMatch(r -> r.getString("outcome").equals("STARTED")
                && Instant.parse(r.getString("at")).isAfter(resumedAt)), Duration.ofSeconds(15));

        // changed to a quick scan, then the server restarts: the timer survives, with one catch-up run, not a burst
        JsonObject changed = put("api/schedules/" + id, "{\"scan\": " + scanOf(CLOSED_HOST, 3000) + "}");
        assertThat(changed.getJsonObject("scan").getString("targets")).isEqualTo(CLOSED_HOST);
        Instant changedAt = Instant.now();
        awaitRuns(id, runs -> runs.stream().anyMatch(r -> r.getString("outcome").equals("STARTED")
                && Instant.parse(r.getString("at")).isAfter(changedAt)), Duration.ofSeconds(30));
        awaitNoActiveScan(id);
        Instant stoppedAt = Instant.now();
        server.close();
        // what ran from here on ran on the new server (the old one may have fired once more while it shut down)
        Instant restartedAt = Instant.now();
        server = start();
        Instant upAt = Instant.now();
        List<JsonObject> afterRestart = awaitRuns(id, runs -> runs.stream()
                .anyMatch(r -> r.getString("outcome").equals("STARTED") && Instant.parse(r.getString("at")).isAfter(restartedAt)),
                Duration.ofSeconds(20)).stream()
                .filter(r -> Instant.parse(r.getString("at")).isAfter(restartedAt))
                .sorted(Comparator.comparing(r -> Instant.parse(r.getString("at"))))
                .toList();
        JsonObject catchUp = afterRestart.get(0);
        System.out.printf("schedule %d: server stopping at %s, starting at %s, up at %s; first run after the restart: %s%n",
                id, stoppedAt, restartedAt, upAt, catchUp);
        assertThat(catchUp.getBoolean("catchUp")).as("the first run after the restart makes up for the missed ones").isTrue();
        Instant burstEnd = Instant.parse(catchUp.getString("at")).plusSeconds(2);
        assertThat(afterRestart.stream().filter(r -> !Instant.parse(r.getString("at")).isAfter(burstEnd)))
                .as("runs missed while the server was down are made up once, not one by one").hasSize(1);
        assertThat(afterRestart).filteredOn(r -> r.getBoolean("catchUp")).hasSize(1);
        JsonObject restartedScan = api.scan(afterRestart.stream().filter(r -> r.getString("outcome").equals("STARTED"))
                .findFirst().orElseThrow().getJsonNumber("scanId").longValue());
        assertThat(restartedScan.getJsonNumber("scheduleId").longValue()).isEqualTo(id);

        // deleted, it stops; the scans it started stay. A run whose timer had already fired when the delete came
        // (the catch-up and the next regular run can fall a second apart, right where the delete lands) still
        // creates its scan; counted a second after the delete, nothing may follow.
        assertThat(api.send("DELETE", "api/schedules/" + id, Map.of("X-SmtpRC-Request", "1"), null).status()).isEqualTo(204);
        created.remove(Long.valueOf(id));
        assertThat(api.get("api/schedules/" + id).status()).isEqualTo(404);
        Thread.sleep(1_000);
        int scansAtDelete = scansOf(id).size();
        Thread.sleep(INTERVALS_2.toMillis());
        List<JsonObject> kept = scansOf(id);
        assertThat(kept).as("no run after the delete").hasSize(scansAtDelete);
        assertThat(api.scan(kept.get(0).getJsonNumber("id").longValue()).getJsonNumber("scheduleId").longValue()).isEqualTo(id);
        assertThat(audit()).anyMatch(a -> a.getString("action").equals("SCHEDULE_DELETED"));
    }

    private void badSchedulesAreRefusedAndNothingIsStored() {
        String scan = scanOf(CLOSED_HOST, 3000);
        assertRefused("{\"name\": \"x\", \"when\": {\"hour\": \"25\"}, \"scan\": " + scan + "}", 400, "when.hour \"25\"");
        assertRefused("{\"name\": \"x\", \"when\": {\"hour\": \"2\", \"timezone\": \"Mars/Olympus\"}, \"scan\": " + scan + "}",
                400, "not a known time zone");
        assertRefused("{\"name\": \"x\", \"when\": {\"year\": \"2020\"}, \"scan\": " + scan + "}", 400, "never comes");
        assertRefused("{\"name\": \"x\", \"when\": {\"hour\": \"2\"}, \"scan\": {\"targets\": \"192.0.2.1\"}}", 403,
                "192.0.2.1");
        assertRefused("{\"name\": \"x\", \"when\": {\"hour\": \"2\"}, \"scan\": {\"targets\": \"" + CLOSED_HOST
                + "\", \"profile\": \"no-such-profile\"}}", 400, "no-such-profile");
        assertRefused("{\"name\": \"x\", \"when\": {\"hour\": \"2\"}, \"scan\": {\"targets\": \"127.0.74.1/33\"}}", 400, "127.0.74.1/33");
        assertRefused("{\"when\": {\"hour\": \"2\"}, \"scan\": " + scan + "}", 400, "name");
        assertThat(api.as(TestUsers.VIEWER).post("api/schedules", "{\"name\": \"x\", \"when\": {\"hour\": \"2\"}, \"scan\": "
                + scan + "}").status()).isEqualTo(403);
        assertThat(api.get("api/schedules").array()).isEmpty();
        assertThat(audit()).anyMatch(a -> a.getString("action").equals("SCHEDULE_REFUSED"));
    }

    private void assertRefused(String body, int status, String messagePart) {
        ScanApi.Reply reply = api.post("api/schedules", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("message")).contains(messagePart);
    }

    private static String scanOf(String host, long commandTimeoutMs) {
        return "{\"targets\": \"" + host + "\", \"ports\": \"2525\", \"profile\": \"quick\", \"options\": {\"connectTimeoutMs\": 1000,"
                + " \"commandTimeoutMs\": " + commandTimeoutMs + ", \"confirmationWindowMs\": 0, \"partitions\": 1}}";
    }

    private long create(String body) {
        ScanApi.Reply reply = api.post("api/schedules", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().getJsonNumber("id").longValue();
        created.add(id);
        return id;
    }

    private JsonObject post(String path, int status) {
        ScanApi.Reply reply = api.send("POST", path, Map.of("X-SmtpRC-Request", "1"), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json();
    }

    private JsonObject put(String path, String body) {
        ScanApi.Reply reply = api.put(path, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject schedule(long id) {
        ScanApi.Reply reply = api.get("api/schedules/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private List<JsonObject> runs(long id) {
        return schedule(id).getJsonArray("runs").getValuesAs(JsonObject.class);
    }

    private static long count(List<JsonObject> runs, String outcome) {
        return runs.stream().filter(r -> r.getString("outcome").equals(outcome)).count();
    }

    /** Every scan this schedule started, oldest first (from the scans list: they outlive the schedule). */
    private List<JsonObject> scansOf(long id) {
        return api.get("api/scans?limit=1000").array().getValuesAs(JsonObject.class).stream()
                .filter(s -> has(s, "scheduleId") && s.getJsonNumber("scheduleId").longValue() == id)
                .sorted(Comparator.comparing(s -> s.getJsonNumber("id").longValue()))
                .toList();
    }

    /** Whether the JSON has the field with a value (the API leaves out fields that are null). */
    private static boolean has(JsonObject json, String field) {
        return json.containsKey(field) && !json.isNull(field);
    }

    private long finishedScans(long id) {
        return scansOf(id).stream().filter(s -> has(s, "finishedAt")).count();
    }

    private List<JsonObject> audit() {
        return api.get("api/audit?limit=500").array().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> awaitRuns(long id, Predicate<List<JsonObject>> done, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            List<JsonObject> runs = runs(id);
            if (done.test(runs)) {
                return runs;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("schedule " + id + " did not get there within " + limit + ": " + schedule(id)
                + "; its scans: " + scansOf(id));
    }

    private void awaitNoActiveScan(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (scansOf(id).stream().allMatch(s -> has(s, "finishedAt"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("a scan of schedule " + id + " is still running: " + scansOf(id));
    }

    /** Each scan of the schedule was created after the one before it had finished. */
    private static void assertNoTwoActiveAtOnce(List<JsonObject> scans) {
        for (int i = 1; i < scans.size(); i++) {
            JsonObject before = scans.get(i - 1);
            JsonObject after = scans.get(i);
            assertThat(has(before, "finishedAt")).as("scan %s still running when %s started", before, after).isTrue();
            assertThat(Instant.parse(after.getString("createdAt"))).as("scan %s overlaps %s", after, before)
                    .isAfterOrEqualTo(Instant.parse(before.getString("finishedAt")));
        }
    }

    private WildFlyProcess start() throws Exception {
        return new WildFlyProcess(WildFlyProcess.defaultHome(), BASE_DIR, PORT_OFFSET,
                Map.of("smtprc.receiver.port", Integer.toString(RECEIVER_PORT), "smtprc.helo-name", "scanner.smtprc.test"))
                .start(WildFlyProcess.defaultWar(), Duration.ofMinutes(6));
    }
}
