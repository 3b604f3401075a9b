package org.smtprc.report;

import java.util.List;

/**
 * One scanned endpoint as the report shows it. Every text but {@code endpoint} comes from the scanned host or is
 * derived from it and is treated as hostile.
 *
 * @param relay               true when the verdict says the host relays (accepted, confirmed or anonymous)
 * @param confirmationHeaders headers of the relayed probe message we received; null or blank when none arrived
 */
public record ReportHost(String endpoint, String verdictLabel, boolean relay, String banner, String capabilities,
                         boolean tls, String detail, List<ReportTest> tests, String confirmationHeaders) {

    public ReportHost {
        tests = tests == null ? List.of() : List.copyOf(tests);
    }
}
