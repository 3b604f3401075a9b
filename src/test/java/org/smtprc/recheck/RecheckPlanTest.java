package org.smtprc.recheck;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecheckPlanTest {

    @Test
    void probesTheRelaysOnTheirPortsAndTriesTheirAcceptedFormsFirstInTheOrderFound() {
        RecheckPlan plan = RecheckPlan.of(List.of(
                new RecheckPlan.Relay("192.0.2.7", 2525, List.of("percent-ip")),
                new RecheckPlan.Relay("192.0.2.9", 25, List.of("bang-ip", "percent-ip")),
                new RecheckPlan.Relay("192.0.2.7", 25, List.of()),
                new RecheckPlan.Relay("2001:db8::5", 25, List.of("plain"))));

        assertThat(plan.targets()).isEqualTo("192.0.2.7, 192.0.2.9, 2001:db8::5");
        assertThat(plan.ports()).isEqualTo("25,2525");
        assertThat(plan.formsFirst()).containsExactly("percent-ip", "bang-ip", "plain");
    }

    @Test
    void aRelayThatAcceptedNoFormLeavesTheBatteryInItsOrder() {
        RecheckPlan plan = RecheckPlan.of(List.of(new RecheckPlan.Relay("198.51.100.1", 25, List.of())));

        assertThat(plan.formsFirst()).isEmpty();
        assertThat(plan.targets()).isEqualTo("198.51.100.1");
        assertThat(plan.ports()).isEqualTo("25");
    }

    @Test
    void noRelaysNoPlan() {
        assertThatThrownBy(() -> RecheckPlan.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
