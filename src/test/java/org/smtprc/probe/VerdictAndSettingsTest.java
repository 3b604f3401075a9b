package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictAndSettingsTest {

    @Test
    void relaysComeFirstInReportOrder() {
        List<Verdict> reportOrder = Arrays.stream(Verdict.values())
                .sorted(Comparator.comparingInt(Verdict::severity).reversed()).toList();

        assertThat(reportOrder).startsWith(Verdict.ANONYMOUS_RELAY, Verdict.CONFIRMED_RELAY, Verdict.ACCEPTS_RELAY);
        assertThat(Arrays.stream(Verdict.values()).map(Verdict::severity)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Verdict.values()).filter(v -> !v.live()))
                .containsExactlyInAnyOrder(Verdict.UNREACHABLE, Verdict.REFUSED, Verdict.OUT_OF_SCOPE);
        assertThat(reportOrder).endsWith(Verdict.OUT_OF_SCOPE);
        assertThat(Verdict.OUT_OF_SCOPE.relays()).isFalse();
        assertThat(Verdict.OUT_OF_SCOPE.awaitsProof()).isFalse();
    }

    @Test
    void onlyARelayWhoseMessageCameBackIsProven() {
        assertThat(Arrays.stream(Verdict.values()).filter(Verdict::proven))
                .containsExactlyInAnyOrderElementsOf(Verdict.provenOnes())
                .containsExactlyInAnyOrder(Verdict.CONFIRMED_RELAY, Verdict.ANONYMOUS_RELAY);
        assertThat(Verdict.ACCEPTS_RELAY.relays()).isTrue();
        assertThat(Verdict.ACCEPTS_RELAY.proven()).as("accepted, but no message came back").isFalse();
    }

    @Test
    void badSettingsAreRefusedInPlainWords() {
        ProbeSettings usable = TestProbeSettings.of("probe.example.net").build();

        assertThatThrownBy(() -> TestProbeSettings.from(usable).heloName("scanner lab").build())
                .hasMessageContaining("HELO name 'scanner lab' is not a domain name or address literal");
        assertThatThrownBy(() -> TestProbeSettings.of("probe lab").heloName("scanner.lab").build())
                .hasMessageContaining("probe domain 'probe lab' is not a domain name");
        assertThatThrownBy(() -> TestProbeSettings.from(usable).forms(List.of()).build())
                .hasMessageContaining("no relay tests to run");
        assertThatThrownBy(() -> TestProbeSettings.from(usable).scope(null).build())
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> TestProbeSettings.from(usable)
                .timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)).build())
                .hasMessageContaining("connect timeout must be positive");
    }
}
