package org.smtprc.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: a scan header and hosts, some of them hostile. */
final class ReportSamples {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String NUL = "nul\u0000byte";
    static final String ANSI = "\u001b[31mred\u001b[0m";
    static final String MEGABYTE = "A".repeat(1 << 20);

    private ReportSamples() {
    }

    static ReportHeader header() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("confirmed open relay", 1L);
        counts.put("secured", 2L);
        counts.put("unreachable", 1L);
        return new ReportHeader(42, "127.0.1.0/24", "25,2525", "quick", "COMPLETED",
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:14:05Z"), "scanner-1",
                counts, 256, 256);
    }

    static ReportHost relay() {
        return new ReportHost("127.0.1.1:25", "confirmed open relay", true, "220 open.lab ESMTP", "250-PIPELINING\r\n250 8BITMIME",
                false, "the percent-hack form was relayed",
                List.of(new ReportTest("percent-hack", "probe@probe.test", "probe%probe.test@[127.0.1.1]", "accepted",
                        "> MAIL FROM:<probe@probe.test>\r\n< 250 ok\r\n", true, Instant.parse("2026-01-02T03:05:00Z"))),
                "Received: from open.lab\r\nSubject: SmtpRC probe\r\n");
    }

    static ReportHost secured(String endpoint) {
        return new ReportHost(endpoint, "secured", false, "220 closed.lab", "250 HELP", true, "no form accepted",
                List.of(new ReportTest("plain", "probe@probe.test", "probe@probe.test", "rejected at RCPT",
                        "> RCPT TO:<probe@probe.test>\r\n< 550 5.7.1 relaying denied\r\n", false, null)), null);
    }

    static ReportHost unreachable() {
        return new ReportHost("127.0.1.9:25", "unreachable", false, null, null, false, "no answer within 10 s", List.of(), null);
    }

    /** Every field a host controls carries something nasty. */
    static ReportHost hostile() {
        ReportTest test = new ReportTest(FORMULA, SCRIPT + "@x", ANSI, NUL, SCRIPT + "\r\n" + ANSI + "\r\n" + NUL + "\r\n" + MEGABYTE,
                false, null);
        return new ReportHost("127.0.6.6:25", SCRIPT, true, SCRIPT + MEGABYTE, "<img src=x onerror=alert(1)>\u001b]0;title\u0007",
                false, FORMULA + "\n" + SCRIPT, List.of(test), "X-Evil: " + SCRIPT + "\r\n" + MEGABYTE);
    }
}
