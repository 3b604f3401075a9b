package org.smtprc.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonNumber;
import org.smtprc.it.ScanApi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Runs one scan through the REST API and measures it from outside the server. */
final class ScanRun {

    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "STOPPED", "FAILED", "ABANDONED");
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * What one scan cost.
     *
     * @param probingSeconds from the POST until every endpoint had its outcome committed
     * @param wallSeconds    from the POST until the scan was COMPLETED (confirmation wait and report included)
     */
    record Measured(long scanId, String status, double probingSeconds, double wallSeconds, long heapAfterGcPeakMb,
                    long heapAfterScanMb, long peakRssMb, long rssGrowthMb, long collections, double serverCpuSeconds,
                    double benchCpuSeconds, Map<String, Long> counts) {

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
        JsonObject scan;
        while (true) {
            scan = api.scan(id);
            JsonObject progress = scan.getJsonObject("progress");
            long done = progress.getJsonNumber("done").longValue();
            long total = progress.getJsonNumber("total").longValue();
            if (probing < 0 && done == total) {
                probing = seconds(System.nanoTime() - started);
                if (record) {
                    gauges.stopRecording(name, recordings.resolve(name + ".jfr"));
                }
            }
            if (FINAL_STATES.contains(scan.getString("status"))) {
                break;
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
        double benchCpuUsed = benchCpuSeconds() - benchCpu;
        long heapAfter = gauges.heapAfterFullGcMb();
        Map<String, Long> counts = new LinkedHashMap<>();
        api.scan(id).getJsonObject("counts").forEach((verdict, n) -> counts.put(verdict, ((JsonNumber) n).longValue()));
        return new Measured(id, scan.getString("status"), probing, wall, heapPeak, heapAfter, peakRss,
                peakRss - mark.rssMb(), collections, serverCpu, benchCpuUsed, counts);
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
