package org.smtprc.inbound;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why inbound mail messages failed to be delivered to the matching bean, by JMS message id: the broker moves a
 * message that failed every attempt to the dead-letter queue without a reason, so the dead-letter list looks the
 * reason up here. In memory only (what failed was often the database) and bounded, so a server restart, or more
 * failing messages than are kept, leaves a dead letter without its reason.
 */
@ApplicationScoped
public class DeliveryFailures {

    /** Failed messages remembered; the oldest failure is forgotten first. */
    static final int KEPT = 1_000;

    /** The last failed delivery of one message: which attempt, when, and why. */
    public record Failure(int attempt, Instant at, String reason) {
    }

    private final Map<String, Failure> byMessage = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void record(String messageId, int attempt, String reason) {
        if (messageId != null) {
            byMessage.remove(messageId);
            byMessage.put(messageId, new Failure(attempt, Instant.now(), reason));
        }
    }

    synchronized Failure of(String messageId) {
        return byMessage.get(messageId);
    }

    synchronized void forget(String messageId) {
        byMessage.remove(messageId);
    }
}
