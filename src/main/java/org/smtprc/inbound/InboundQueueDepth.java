package org.smtprc.inbound;

import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * How much relayed mail waits on the inbound queue for the matching bean: the broker's own count, read through the
 * server's management model (its JMX view), without touching a message.
 */
@ApplicationScoped
public class InboundQueueDepth {

    /** The queue's resource in wildfly-config/messaging.cli. */
    static final String QUEUE = "SmtpRcInbound";

    /** Messages on the queue now, delivered or not yet; fails with the management model's reason. */
    public long messages() {
        try {
            Object count = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                    "jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + QUEUE), "messageCount");
            return ((Number) count).longValue();
        } catch (JMException | ClassCastException e) {
            throw new IllegalStateException("cannot read the inbound queue " + QUEUE + "'s message count from the"
                    + " server's management model (" + e.getMessage() + "): is wildfly-config/messaging.cli applied?", e);
        }
    }
}
