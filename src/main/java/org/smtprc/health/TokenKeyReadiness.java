package org.smtprc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.smtprc.config.TokenKeys;

/** Ready while the proof token key is in the credential store: without it no probe message can be verified. */
@Readiness
@ApplicationScoped
public class TokenKeyReadiness implements HealthCheck {

    @Inject
    TokenKeys keys;

    @Override
    public HealthCheckResponse call() {
        return Problems.answer("proof-token-key", keys.missing()).build();
    }
}
