package org.smtprc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.smtprc.inbound.InboundMailGateway;

/** Ready while the in-app receiver takes relayed probe mail: without it no relay can be proven. */
@Readiness
@ApplicationScoped
public class ReceiverReadiness implements HealthCheck {

    @Inject
    InboundMailGateway gateway;

    @Override
    public HealthCheckResponse call() {
        return Problems.answer("smtp-receiver", gateway.notListening()).withData("address", gateway.address()).build();
    }
}
