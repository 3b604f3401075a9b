package org.smtprc.notices;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.TestOutcome;
import org.smtprc.probe.Verdict;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.TestRecord;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTest {

    private static final String HOSTILE = "220-mx ESMTP\n220-Bcc: victim@example.org\r\n220 Subject: pwned\rX-Evil: 1"
            + "\u001b[2J\u0000 <b>" + "y".repeat(400);

    private static HostRecord relay(String address) {
        HostRecord host = new HostRecord(1, 0, address, 2525);
        host.recordProbe(Verdict.ACCEPTS_RELAY, HOSTILE, "250 PIPELINING", false, "accepted", Instant.EPOCH, 10,
                List.of(new TestRecord(0, "plain", "<relaytest-return@probe.example>", "<relaytest@probe.example>",
                        TestOutcome.ACCEPTED, "C: MAIL FROM:<x>\nS: 250 " + HOSTILE, 5)));
        host.confirmTest("plain", Instant.EPOCH.plusSeconds(3), "Received: from mx\r\nX-Injected: " + HOSTILE, false,
                "a Received header names the scanner");
        return host;
    }

    @Test
    void hostTextIsQuotedLineByLineWithControlsVisibleAndBounded() {
        String findings = Evidence.findings(List.of(relay("198.51.100.7")));
        assertThat(findings).contains("* 198.51.100.7:2525: confirmed open relay")
                .contains("accepted relay test \"plain\": MAIL FROM:<relaytest-return@probe.example>")
                .doesNotContain("\r", "\u001b", "\u0000")
                .contains("\\x1b[2J", "\\r");
        for (String line : findings.split("\n")) {
            assertThat(line).as("no line may pass for a header or end the quote")
                    .doesNotStartWith("Bcc:").doesNotStartWith("Subject:").doesNotStartWith("X-")
                    .hasSizeLessThan(Evidence.LINE_CHARS + 40);
        }
        assertThat(findings).contains("      | 220-Bcc: victim@example.org");
    }

    @Test
    void manyHostsAreListedButOnlySomeShownInFull() {
        List<HostRecord> hosts = java.util.stream.IntStream.range(0, Evidence.HOSTS_WITH_EVIDENCE + 5)
                .mapToObj(i -> relay("198.51.100." + i)).toList();
        assertThat(Evidence.hostList(hosts).lines()).hasSize(hosts.size());
        assertThat(Evidence.findings(hosts)).contains("(5 more hosts")
                .doesNotContain("198.51.100." + (Evidence.HOSTS_WITH_EVIDENCE + 1) + ":2525:");
        assertThat(Evidence.endpoint(new HostRecord(1, 0, "2001:db8::1", 25))).isEqualTo("[2001:db8::1]:25");
    }
}
