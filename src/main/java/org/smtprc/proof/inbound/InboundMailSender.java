package org.smtprc.proof.inbound;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.smtprc.proof.MailSink;
import org.smtprc.proof.ReceivedMail;

/** Puts received mail on the inbound queue, whichever way it came (receiver, mailbox, Maildir). */
@ApplicationScoped
public class InboundMailSender implements MailSink {

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = InboundMailQueue.JNDI)
    Queue queue;

    @Override
    public void accept(ReceivedMail mail) throws JMSException {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(queue, InboundMailQueue.toMessage(context, mail));
        }
    }
}
