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
                .containsExactlyInAnyOrder(Verdict.UNREACHABLE, Verdict.REFUSED);
    }

    @Test
    void defaultsAreUsableAndBadSettingsAreRefusedInPlainWords() {
        ProbeSettings defaults = ProbeSettings.defaults("probe.example.net");

        assertThat(defaults.forms()).isEqualTo(Battery.builtIn().profile("quick"));
        assertThat(defaults.heloName()).isEqualTo("probe.example.net");
        assertThat(defaults.rcptOnly()).isFalse();
        assertThatThrownBy(() -> ProbeSettings.defaults("probe lab"))
                .hasMessageContaining("HELO name 'probe lab' is not a host name or address literal");
        assertThatThrownBy(() -> defaults.withForms(List.of()))
                .hasMessageContaining("no relay tests to run");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout must be positive");
    }
}
