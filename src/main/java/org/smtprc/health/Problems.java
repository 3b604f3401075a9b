package org.smtprc.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Optional;

/** A check's answer: UP, or DOWN with the reason in the operator's words (the "reason" field of its data). */
final class Problems {

    private Problems() {
    }

    static HealthCheckResponseBuilder answer(String name, Optional<String> problem) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name);
        return problem.map(reason -> builder.down().withData("reason", reason)).orElseGet(builder::up);
    }
}
