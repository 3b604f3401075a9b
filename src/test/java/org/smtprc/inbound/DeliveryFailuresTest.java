package org.smtprc.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFailuresTest {

    @Test
    void theLastFailureOfEachMessageIsKeptAndTheOldestForgottenBeyondTheBound() {
        DeliveryFailures failures = new DeliveryFailures();
        failures.record("ID:first", 1, "database unreachable");
        failures.record("ID:first", 2, "token key missing");
        for (int i = 0; i < DeliveryFailures.KEPT - 1; i++) {
            failures.record("ID:other-" + i, 1, "junk");
        }
        assertThat(failures.of("ID:first")).satisfies(last -> {
            assertThat(last.attempt()).isEqualTo(2);
            assertThat(last.reason()).isEqualTo("token key missing");
        });

        failures.record("ID:one-too-many", 1, "junk");

        assertThat(failures.of("ID:first")).isNull();
        assertThat(failures.of("ID:one-too-many")).isNotNull();
    }
}
