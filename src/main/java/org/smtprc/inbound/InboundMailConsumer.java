package org.smtprc.inbound;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.smtprc.confirmation.ConfirmationLedger;
import org.smtprc.confirmation.JudgingFailure;
import org.smtprc.metrics.Meters;
import org.smtprc.receiver.ReceivedMail;


/**
 * Matches relayed probe mail from the inbound queue to the scans that sent it. The delivery is not part of a
 * transaction: the ledger commits the proof, in a transaction shared with the mails other deliveries handed in
 * meanwhile ({@link LedgerBatches}), then the message is acknowledged. A
 * failure in between redelivers the message (five attempts, then the dead-letter queue), and the ledger keeps
 * each proof once, so at-least-once delivery loses nothing and counts nothing twice. This spares each relayed
 * message a two-phase commit across the broker's journal, the transaction log and the database.
 *
 * <p>Only outages are worth a redelivery (the database, the transactions, the broker, the token key): the mail is
 * fine and proves its relay once the server is. Any other failure meets the same bytes on every delivery, so the
 * mail goes to the quarantine with the reason, where an operator sees it, rather than silently into the DLQ after
 * five attempts ({@link JudgingFailure} draws the line). A message this bean cannot take off the queue at all
 * (a broker failure reading it) is an outage too; a message that is no inbound mail at all (put on the queue by
 * something else) fails every delivery and ends in the DLQ as well. The dead-letter list shows why a message's last
 * delivery failed ({@link DeliveryFailures}), and an operator can retry it ({@link DeadLetters}).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = InboundMailQueue.JNDI),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundMailConsumer implements MessageListener {

    @Inject
    ConfirmationLedger ledger;

    @Inject
    LedgerBatches batches;

    @Inject
    DeliveryFailures failures;

    @Inject
    Meters meters;

    @Override
    public void onMessage(Message message) {
        try {
            deliver(message);
        } catch (RuntimeException | StackOverflowError failure) {
            remember(message, failure);
            throw failure;
        }
    }

    private void deliver(Message message) {
        ReceivedMail mail;
        try {
            mail = InboundMailQueue.toMail((BytesMessage) message);
        } catch (JMSException e) {
            throw new IllegalStateException("the broker could not hand over an inbound mail message; it is delivered"
                    + " again: " + e.getMessage(), e);
        }
        count(batches.judge(mail).orElseGet(() -> alone(mail)));
    }

    /** A mail whose shared transaction failed: judged in one of its own, where a failure is its own. */
    private ConfirmationLedger.Judgement alone(ReceivedMail mail) {
        try {
            return ledger.receive(mail);
        } catch (RuntimeException | StackOverflowError failure) {
            if (JudgingFailure.isOutage(failure)) {
                throw failure;
            }
            return ledger.quarantineUnjudged(mail, failure);
        }
    }

    /** Once per judged mail, after the ledger committed it (a redelivered mail was not counted before). */
    private void count(ConfirmationLedger.Judgement judgement) {
        switch (judgement) {
            case PROOF -> meters.proven();
            case QUARANTINED -> meters.quarantined();
            case DUPLICATE, DROPPED -> {
            }
        }
    }

    /** Why this delivery failed, for the dead-letter list should it be the last (see DeliveryFailures). */
    private void remember(Message message, Throwable failure) {
        try {
            failures.record(message.getJMSMessageID(), message.getIntProperty(InboundMailQueue.DELIVERY_COUNT),
                    JudgingFailure.reason(failure));
        } catch (JMSException | RuntimeException unreadable) {
            // the failure itself still reaches the broker, which delivers the message again
        }
    }
}
