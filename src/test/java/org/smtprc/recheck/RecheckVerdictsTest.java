package org.smtprc.recheck;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.Verdict;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecheckVerdictsTest {

    @Test
    void noChoiceMeansTheProvenRelays() {
        assertThat(RecheckService.verdicts(null)).containsExactlyInAnyOrder(Verdict.CONFIRMED_RELAY,
                Verdict.ANONYMOUS_RELAY);
        assertThat(RecheckService.verdicts(List.of())).isEqualTo(Verdict.provenOnes());
    }

    @Test
    void anOperatorMayChooseAnyRelayingVerdictInAnyCase() {
        assertThat(RecheckService.verdicts(List.of("accepts_relay", " CONFIRMED_RELAY ")))
                .containsExactlyInAnyOrder(Verdict.ACCEPTS_RELAY, Verdict.CONFIRMED_RELAY);
    }

    @Test
    void anUnknownVerdictIsRefusedWithTheChoicesAndShownInert() {
        assertThatThrownBy(() -> RecheckService.verdicts(List.of("OPEN\r\nX-Evil: 1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown verdict").hasMessageContaining("ACCEPTS_RELAY")
                .hasMessageNotContaining("\r\n");
        assertThatThrownBy(() -> RecheckService.verdicts(Arrays.asList("CONFIRMED_RELAY", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown verdict");
    }

    @Test
    void aVerdictThatIsNoRelayIsRefused() {
        assertThatThrownBy(() -> RecheckService.verdicts(List.of("SECURED")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECURED is not a relay");
    }
}
