package org.smtprc.proof.inbound;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.smtprc.proof.MailSink;
import org.smtprc.proof.ReceivedMail;

/**
 * Puts received mail on the inbound queue, whichever way it came (receiver, mailbox, Maildir). All senders share
 * one JMS connection, each send has a session of its own (JMS 2.0: {@link JMSContext#createContext(int)}): a
 * connection per message cost more than the rest of the proof's path when a thousand relays delivered at once.
 */
@ApplicationScoped
public class InboundMailSender implements MailSink {

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = InboundMailQueue.JNDI)
    Queue queue;

    private JMSContext connection;

    @Override
    public void accept(ReceivedMail mail) throws JMSException {
        try (JMSContext context = shared().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createProducer().send(queue, InboundMailQueue.toMessage(context, mail));
        }
    }

    private synchronized JMSContext shared() {
        if (connection == null) {
            connection = connectionFactory.createContext();
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
