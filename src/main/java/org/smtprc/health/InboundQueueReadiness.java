package org.smtprc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.smtprc.config.Settings;
import org.smtprc.inbound.InboundQueueDepth;

import java.util.Optional;

/**
 * Ready while relayed mail does not back up on the inbound queue past smtprc.health.max-queued-mail: beyond it the
 * matching bean is not keeping up, or not consuming, and proof comes late.
 */
@Readiness
@ApplicationScoped
public class InboundQueueReadiness implements HealthCheck {

    @Inject
    InboundQueueDepth queue;

    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        long limit = settings.healthMaxQueuedMail();
        long waiting;
        try {
            waiting = queue.messages();
        } catch (IllegalStateException e) {
            return Problems.answer("inbound-queue", Optional.of(e.getMessage())).build();
        }
        Optional<String> problem = limit > 0 && waiting > limit
                ? Optional.of(waiting + " relayed mails wait on the inbound queue, more than smtprc.health.max-queued-mail ("
                + limit + "): the matching bean is not keeping up (see the server log, GET /api/dead-letters)")
                : Optional.empty();
        return Problems.answer("inbound-queue", problem).withData("waiting", waiting).withData("limit", limit).build();
    }
}
