package org.smtprc.api;

import org.smtprc.scan.Scan;
import org.smtprc.scan.Scans;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A scan as the API shows it: what was asked (and which special addresses of it were skipped), where it stands, and
 * how many endpoints got which verdict; its links are absolute, made from the base URI the request came in on (scheme,
 * host, port, context root and the API's path), so that a client follows them as they are.
 */
public record ScanView(long id, String status, String statusDetail, String targets, String exclude, String skipped,
                       String ports, String profile, Long executionId, String node, Instant createdAt, Instant probingStartedAt,
                       Instant finishedAt, String scannedFrom, Long scheduleId, Long recheckOf, Progress progress, Map<String, Long> counts,
                       Map<String, String> links) {

    public record Progress(long done, long total, double percent) {
    }

    /** @param apiBase the API's base URI as the request saw it, ending in "/" (JAX-RS {@code UriInfo.getBaseUri()}) */
    static ScanView of(Scan scan, Scans.Progress progress, Map<String, Long> counts, URI apiBase) {
        long total = scan.getEndpointTotal();
        double percent = total == 0 ? 100.0 : Math.floor(1000.0 * progress.done() / total) / 10.0;
        URI base = apiBase.getRawPath().endsWith("/") ? apiBase : URI.create(apiBase + "/");
        String self = base.resolve("scans/" + scan.getId()).toString();
        return new ScanView(scan.getId(), scan.getStatus().name(), scan.getStatusDetail(), scan.getTargets(),
                scan.getExcludes(), scan.getSkippedSpecial(), scan.getPorts(), scan.getProfile(), scan.getExecutionId(),
                scan.getNode(), scan.getCreatedAt(), scan.getProbingStartedAt(), scan.getFinishedAt(), scan.getScannedFrom(),
                scan.getScheduleId(), scan.getRecheckOf(),
                new Progress(progress.done(), total, percent), counts,
                Map.of("self", self, "hosts", self + "/hosts", "report", self + "/report", "csv", self + "/report.csv"));
    }
}
