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

    /** The dead-letter queue's resource in wildfly-config/messaging.cli. */
    static final String DEAD_LETTERS = "SmtpRcDeadLetters";

    /** Messages on the queue now, delivered or not yet; fails with the management model's reason. */
    public long messages() {
        return attribute(QUEUE, "messageCount");
    }

    /** Messages moved to the dead-letter queue since the server started (the broker's count; it only grows). */
    public long deadLettered() {
        return attribute(DEAD_LETTERS, "messagesAdded");
    }

    private static long attribute(String queue, String name) {
        try {
            Object count = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                    "jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue), name);
            return ((Number) count).longValue();
        } catch (JMException | ClassCastException e) {
            throw new IllegalStateException("cannot read the queue " + queue + "'s " + name + " from the"
                    + " server's management model (" + e.getMessage() + "): is wildfly-config/messaging.cli applied?", e);
        }
    }
}
