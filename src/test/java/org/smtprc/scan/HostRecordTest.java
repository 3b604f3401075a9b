package org.smtprc.scan;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.TestOutcome;
import org.smtprc.probe.Verdict;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostRecordTest {

    private static final Instant PROBED = Instant.parse("2026-12-01T10:00:00Z");

    private static HostRecord host(Verdict verdict, String detail) {
        HostRecord host = new HostRecord(1, 0, "127.0.4.3", 25);
        host.recordProbe(verdict, "220 gw.example ESMTP", "PIPELINING", false, detail, PROBED, 300, List.of(
                new TestRecord(0, "plain", "<relaytest-return@probe.example>", "<relaytest@probe.example>",
                        TestOutcome.REJECTED_AT_RCPT, "S: 554 5.7.1 Relay access denied", 5),
                new TestRecord(1, "percent-name", "<relaytest-return@probe.example>",
                        "<relaytest%probe.example@gw.example>", TestOutcome.ACCEPTED, "S: 250 2.1.5 Ok", 5)));
        return host;
    }

    @Test
    void proofOfALocalLookingFormTurnsTheHostIntoAProvenRelayAndTheDetailSaysSo() {
        HostRecord host = host(Verdict.ACCEPTS_LOCAL_ONLY, "no relay finding: it accepted only percent-name");

        assertThat(host.confirmTest("percent-name", PROBED.plusSeconds(5), "Received: from x", false, "names us"))
                .isTrue();

        assertThat(host.getVerdict()).isEqualTo(Verdict.CONFIRMED_RELAY);
        assertThat(host.getDetail()).startsWith("proven: the probe message of test 'percent-name' came back")
                .endsWith("Before the proof: no relay finding: it accepted only percent-name");
        assertThat(host.getTests().get(1).getConfirmedAt()).isEqualTo(PROBED.plusSeconds(5));
    }

    @Test
    void aBounceIsNotedButChangesNoVerdict() {
        HostRecord host = host(Verdict.ACCEPTS_RELAY, "accepted relay test 'percent-name'");

        assertThat(host.noteBounce("percent-name", PROBED.plusSeconds(9), "127.0.0.1")).isTrue();
        assertThat(host.noteBounce("no-such-form", PROBED.plusSeconds(9), "127.0.0.1")).isFalse();

        assertThat(host.getVerdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(host.getDetail()).contains("A bounce of test 'percent-name' came back")
                .contains("a bounce proves no relaying");
        assertThat(host.getTests()).allMatch(test -> test.getConfirmedAt() == null);
    }
}
