package org.smtprc.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.smtprc.addresses.Endpoint;

/**
 * Everything one probe learned about one host: the verdict with a one-line reason, the banner and EHLO
 * capabilities (both bounded, escaped), whether TLS was used, and the evidence of each relay test.
 */
public record HostOutcome(Endpoint endpoint, Verdict verdict, String banner, String capabilities, boolean tls,
                         String detail, List<TestResult> tests, Instant started, long millis) {

    public HostOutcome {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(verdict, "verdict");
        banner = banner == null ? "" : banner;
        capabilities = capabilities == null ? "" : capabilities;
        Objects.requireNonNull(detail, "detail");
        tests = List.copyOf(tests);
        Objects.requireNonNull(started, "started");
    }

}
