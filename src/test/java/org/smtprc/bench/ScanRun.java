package org.smtprc.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonNumber;
import org.smtprc.it.ScanApi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Runs one scan through the REST API and measures it from outside the server. */
final class ScanRun {

    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "STOPPED", "FAILED", "ABANDONED");
    /** Progress comes from the cheap blocks view; the scan view (which counts verdicts) is read every 4th poll. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int STATUS_EVERY = 4;

    /**
     * What one scan cost.
     *
     * @param probingSeconds from the POST until every endpoint had its outcome committed
     * @param wallSeconds    from the POST until the scan was COMPLETED (confirmation wait and report included)
     * @param startSeconds   from the scan's creation until its job started probing (server clock)
     * @param hostMillis     how long single hosts took, from a sample of each live verdict: "VERDICT median/max ms"
     * @param cpuByThread    the server's CPU seconds by kind of thread, from the POST until the scan ended
     */
    record Measured(long scanId, String status, double probingSeconds, double wallSeconds, double startSeconds,
                    String hostMillis, long heapAfterGcPeakMb,
                    long heapAfterScanMb, long peakRssMb, long rssGrowthMb, long collections, double serverCpuSeconds,
                    Map<String, Double> cpuByThread, double benchCpuSeconds, Map<String, Long> counts) {

        long hostRows() {
            return counts.entrySet().stream().filter(e -> !e.getKey().equals("REFUSED") && !e.getKey().equals("UNREACHABLE"))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final ScanApi api;
    private final ServerGauges gauges;
    private final Path recordings;

    ScanRun(ScanApi api, ServerGauges gauges, Path recordings) {
        this.api = api;
        this.gauges = gauges;
        this.recordings = recordings;
    }

    /** @param record keep a flight recording of the server while it probes, as target/bench/NAME.jfr */
    Measured run(String name, String request, Duration limit, boolean record)
            throws IOException, InterruptedException {
        if (record) {
            gauges.startRecording(name);
        }
        ServerGauges.Mark mark = gauges.mark();
        double benchCpu = benchCpuSeconds();
        long started = System.nanoTime();
        long id = api.startScan(request);
        long deadline = started + limit.toNanos();
        double probing = -1;
        JsonObject scan = api.scan(id);
        long total = scan.getJsonObject("progress").getJsonNumber("total").longValue();
        for (int poll = 1; ; poll++) {
            long done = 0;
            for (JsonObject block : api.get("api/scans/" + id + "/blocks").array().getValuesAs(JsonObject.class)) {
                done += block.getJsonNumber("next").longValue() - block.getJsonNumber("start").longValue();
            }
            boolean probed = done == total;
            if (probing < 0 && probed) {
                probing = seconds(System.nanoTime() - started);
                if (record) {
                    gauges.stopRecording(name, recordings.resolve(name + ".jfr"));
                }
            }
            if (probed || poll % STATUS_EVERY == 0) {
                scan = api.scan(id);
                if (FINAL_STATES.contains(scan.getString("status"))) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": scan " + id + " did not end within " + limit + ": " + scan);
            }
            Thread.sleep(POLL);
        }
        double wall = seconds(System.nanoTime() - started);
        if (probing < 0) {
            probing = wall;
            if (record) {
                gauges.stopRecording(name, recordings.resolve(name + ".jfr"));
            }
        }
        long heapPeak = gauges.peakHeapAfterGcMb(mark);
        long peakRss = gauges.peakRssMb();
        long collections = gauges.collectionsSince(mark);
        double serverCpu = gauges.cpuSeconds() - mark.cpuSeconds();
        Map<String, Double> cpuByThread = gauges.cpuByThreadKind(mark);
        double benchCpuUsed = benchCpuSeconds() - benchCpu;
        long heapAfter = gauges.heapAfterFullGcMb();
        gauges.saveClassHistogram(recordings.resolve(name + ".histo"));
        Map<String, Long> counts = new LinkedHashMap<>();
        api.scan(id).getJsonObject("counts").forEach((verdict, n) -> counts.put(verdict, ((JsonNumber) n).longValue()));
        if (!scan.containsKey("probingStartedAt") || scan.isNull("probingStartedAt")) {
            throw new IllegalStateException(name + ": scan " + id + " ended " + scan.getString("status")
                    + " without the time its probing started: " + scan);
        }
        double start = Duration.between(Instant.parse(scan.getString("createdAt")),
                Instant.parse(scan.getString("probingStartedAt"))).toMillis() / 1000.0;
        return new Measured(id, scan.getString("status"), probing, wall, start, hostMillis(id, counts), heapPeak, heapAfter, peakRss,
                peakRss - mark.rssMb(), collections, serverCpu, cpuByThread, benchCpuUsed, counts);
    }

    /** Median and slowest duration of up to 200 hosts of each live verdict: what a chunk waits for. */
    private String hostMillis(long id, Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        for (String verdict : counts.keySet()) {
            if (verdict.equals("REFUSED") || verdict.equals("UNREACHABLE")) {
                continue;
            }
            List<Long> millis = new ArrayList<>();
            for (JsonObject host : api.get("api/scans/" + id + "/hosts?verdict=" + verdict + "&limit=200").array()
                    .getValuesAs(JsonObject.class)) {
                millis.add(host.getJsonNumber("durationMs").longValue());
            }
            Collections.sort(millis);
            if (!millis.isEmpty()) {
                text.append(text.isEmpty() ? "" : ", ").append(verdict).append(' ')
                        .append(millis.get(millis.size() / 2)).append('/').append(millis.getLast()).append(" ms");
            }
        }
        return text.toString();
    }

    /** CPU used by this JVM: the lab, the bare loop and the polling. */
    static double benchCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
