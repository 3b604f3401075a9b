package org.smtprc.inbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import org.smtprc.receiver.ReceivedMail;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** How a received mail travels on the inbound queue: the raw message as bytes, the envelope as properties. */
final class InboundMailQueue {

    static final String JNDI = "java:/jms/queue/SmtpRcInbound";

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

    static ReceivedMail toMail(BytesMessage message) throws JMSException {
        byte[] data = new byte[(int) message.getBodyLength()];
        message.readBytes(data);
        List<String> recipients = Arrays.asList(message.getStringProperty(RECIPIENTS).split("\n"));
        return new ReceivedMail(message.getStringProperty(MAIL_FROM), recipients, data,
                message.getStringProperty(PEER), Instant.ofEpochMilli(message.getLongProperty(RECEIVED_AT)));
    }
}
