package org.smtprc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.smtprc.inbound.InboundMailGateway;

import java.util.Optional;

/**
 * Alive unless the receiver, once listening, has stopped taking connections: a state only a restart mends. What
 * an operator must fix first (a port taken, a key missing, the database away, a queue backing up) makes SmtpRC not
 * ready, never not alive, so that an orchestrator does not restart it in a loop.
 */
@Liveness
@ApplicationScoped
public class ReceiverLiveness implements HealthCheck {

    @Inject
    InboundMailGateway gateway;

    @Override
    public HealthCheckResponse call() {
        Optional<String> stopped = gateway.started() ? gateway.notListening() : Optional.empty();
        return Problems.answer("smtp-receiver-accepting", stopped).build();
    }
}
