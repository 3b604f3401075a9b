package org.smtprc.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.smtprc.metrics.Meters;

/**
 * The inbound side's gauges, registered at deployment: the receiver's sessions and the connections it refused, the
 * mail waiting on the inbound queue and the mail the broker gave up on, the ledger's shared transactions and the
 * mails they held. Each is read from the state that exists
 * anyway (the receiver's session table, the broker's counts) only when the metrics are scraped.
 */
@Singleton
@Startup
public class InboundMeters {

    @Inject
    Meters meters;

    @Inject
    InboundMailGateway gateway;

    @Inject
    InboundQueueDepth queue;

    @Inject
    LedgerBatches batches;

    @PostConstruct
    void register() {
        meters.gauge("smtprc.receiver.connections", gateway::connections);
        meters.functionCounter("smtprc.receiver.connections.refused", gateway::refusedConnections);
        meters.gauge("smtprc.inbound.queue.depth", queue::messages);
        meters.functionCounter("smtprc.inbound.mail.dead.lettered", queue::deadLettered);
        meters.functionCounter("smtprc.inbound.ledger.transactions", batches::transactions);
        meters.functionCounter("smtprc.inbound.ledger.mails", batches::mails);
    }
}
