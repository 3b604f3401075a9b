package org.smtprc.inbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.smtprc.receiver.ReceivedMail;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How a received mail travels on the inbound queue: the raw message as bytes, the envelope as properties. A message
 * that failed every delivery attempt ends in the dead-letter queue {@link #DEAD_LETTERS_JNDI}
 * (wildfly-config/messaging.cli), unchanged.
 */
final class InboundMailQueue {

    static final String JNDI = "java:/jms/queue/SmtpRcInbound";
    static final String DEAD_LETTERS_JNDI = "java:/jms/queue/SmtpRcDeadLetters";
    /** The broker's count of deliveries of a message, this one included. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final String MAIL_FROM = "mailFrom";
    private static final String RECIPIENTS = "recipients";
    private static final String PEER = "peer";
    private static final String RECEIVED_AT = "receivedAtMillis";

    private InboundMailQueue() {
    }

    static BytesMessage toMessage(JMSContext context, ReceivedMail mail) throws JMSException {
        BytesMessage message = context.createBytesMessage();
        message.writeBytes(mail.data());
        message.setStringProperty(MAIL_FROM, mail.mailFrom());
        message.setStringProperty(RECIPIENTS, String.join("\n", mail.recipients()));
        message.setStringProperty(PEER, mail.peer());
        message.setLongProperty(RECEIVED_AT, mail.receivedAt().toEpochMilli());
        return message;
    }

    /**
     * What the dead-letter list shows of a message, read without trusting it to be inbound mail: a missing property
     * is null, and the body is not read.
     */
    static DeadLetter describe(Message message, DeliveryFailures.Failure failure) throws JMSException {
        String recipients = message.getStringProperty(RECIPIENTS);
        long size = message instanceof BytesMessage bytes ? bytes.getBodyLength() : 0;
        Instant receivedAt = message.propertyExists(RECEIVED_AT)
                ? Instant.ofEpochMilli(message.getLongProperty(RECEIVED_AT)) : null;
        return new DeadLetter(DeadLetter.idOf(message.getJMSMessageID()), receivedAt,
                failure == null ? message.getIntProperty(DELIVERY_COUNT) : failure.attempt(), size,
                message.getStringProperty(MAIL_FROM),
                recipients == null ? List.of() : Arrays.asList(recipients.split("\n")),
                message.getStringProperty(PEER), failure == null ? null : failure.reason(),
                failure == null ? null : failure.at());
    }

    static ReceivedMail toMail(BytesMessage message) throws JMSException {
        byte[] data = new byte[(int) message.getBodyLength()];
        message.readBytes(data);
        List<String> recipients = Arrays.asList(message.getStringProperty(RECIPIENTS).split("\n"));
        return new ReceivedMail(message.getStringProperty(MAIL_FROM), recipients, data,
                message.getStringProperty(PEER), Instant.ofEpochMilli(message.getLongProperty(RECEIVED_AT)));
    }
}
