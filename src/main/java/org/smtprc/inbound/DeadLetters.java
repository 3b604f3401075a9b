package org.smtprc.inbound;

import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.smtprc.receiver.ReceivedMail;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter queue of inbound mail, for operators: read without taking anything off it (a queue browser), and
 * one dead letter at a time moved back onto the inbound queue. The move is one JTA transaction with the broker
 * ({@code java:/JmsXA}): the mail is either back on the inbound queue or still a dead letter, never lost or doubled.
 */
@Stateless
public class DeadLetters {

    /** How long a retry waits for the broker to hand over a dead letter it has just shown. */
    private static final long HAND_OVER_MS = 5_000;

    /** A dead letter that is no inbound mail message (put on the queue by something else): it stays where it is. */
    @ApplicationException(rollback = true)
    public static class NotInboundMail extends Exception {
        NotInboundMail(String id, Exception cause) {
            super("dead letter " + id + " is no inbound mail message (" + cause + "), so it cannot go back to the"
                    + " inbound queue; it stays in the dead-letter queue, where the WildFly CLI can remove it"
                    + " (jms-queue=SmtpRcDeadLetters:remove-messages)", cause);
        }
    }

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = InboundMailQueue.DEAD_LETTERS_JNDI)
    Queue deadLetters;

    @Resource(lookup = InboundMailQueue.JNDI)
    Queue inbound;

    @Inject
    DeliveryFailures failures;

    /** One page of the dead letters, oldest first. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<DeadLetter> list(int offset, int limit) {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(deadLetters)) {
            Enumeration<?> messages = browser.getEnumeration();
            List<DeadLetter> page = new ArrayList<>();
            for (int position = 0; messages.hasMoreElements() && page.size() < limit; position++) {
                Message message = (Message) messages.nextElement();
                if (position >= offset) {
                    page.add(describe(message));
                }
            }
            return page;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read the dead-letter queue: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * Moves the dead letter with this id back onto the inbound queue, where the matching bean judges it again;
     * empty when there is no such dead letter (any more: retried already?).
     */
    public Optional<DeadLetter> retry(String id) throws NotInboundMail {
        if (!DeadLetter.wellFormed(id)) {
            return Optional.empty();
        }
        String selector = "JMSMessageID = '" + DeadLetter.jmsMessageId(id) + "'";
        try (JMSContext context = connectionFactory.createContext()) {
            try (QueueBrowser browser = context.createBrowser(deadLetters, selector)) {
                if (!browser.getEnumeration().hasMoreElements()) {
                    return Optional.empty();
                }
            }
            Message message;
            try (JMSConsumer consumer = context.createConsumer(deadLetters, selector)) {
                message = consumer.receive(HAND_OVER_MS);
            }
            if (message == null) {
                return Optional.empty();
            }
            DeadLetter letter = describe(message);
            ReceivedMail mail;
            try {
                mail = InboundMailQueue.toMail((BytesMessage) message);
            } catch (JMSException | RuntimeException notMail) {
                throw new NotInboundMail(id, notMail);
            }
            context.createProducer().send(inbound, InboundMailQueue.toMessage(context, mail));
            failures.forget(DeadLetter.jmsMessageId(id));
            return Optional.of(letter);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot move dead letter " + id + " back to the inbound queue: "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private DeadLetter describe(Message message) throws JMSException {
        return InboundMailQueue.describe(message, failures.of(message.getJMSMessageID()));
    }
}
