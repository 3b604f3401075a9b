package org.smtprc.proof.inbound;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.smtprc.proof.ReceivedMail;


/** Matches relayed probe mail from the inbound queue to the scans that sent it. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = InboundMailQueue.JNDI),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class InboundMailConsumer implements MessageListener {

    @Inject
    ConfirmationLedger ledger;

    @Override
    public void onMessage(Message message) {
        try {
            ledger.receive(InboundMailQueue.toMail((BytesMessage) message));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable inbound mail message: " + e.getMessage(), e);
        }
    }
}
