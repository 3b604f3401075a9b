package org.smtprc.inbound;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.inject.Inject;
import jakarta.jms.Queue;
import org.smtprc.metrics.Meters;
import org.smtprc.receiver.MailSink;
import org.smtprc.receiver.ReceivedMail;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Puts received mail on the inbound queue, whichever way it came (receiver, mailbox, Maildir). All senders share
 * one JMS connection; sessions (JMS 2.0: {@link JMSContext#createContext(int)}) with their producers are kept
 * for the next message instead of being opened and closed for each one: with a thousand relays delivering at
 * once, setting a session up and tearing it down cost more than the send. A session serves one sender at a time.
 * Sends are persistent and not part of any transaction: the queue has the mail once {@link #accept} returns.
 */
@ApplicationScoped
public class InboundMailSender implements MailSink {

    /** Idle sessions kept; more senders at once open sessions of their own and close them afterwards. */
    private static final int MAX_IDLE_SESSIONS = 16;

    @Inject
    Meters meters;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = InboundMailQueue.JNDI)
    Queue queue;

    private JMSContext connection;
    private final BlockingDeque<Session> idle = new LinkedBlockingDeque<>(MAX_IDLE_SESSIONS);

    private record Session(JMSContext context, JMSProducer producer) {
    }

    @Override
    public void accept(ReceivedMail mail) throws JMSException {
        Session session = idle.pollFirst();
        if (session == null) {
            JMSContext context = shared().createContext(JMSContext.AUTO_ACKNOWLEDGE);
            session = new Session(context, context.createProducer());
        }
        try {
            session.producer().send(queue, InboundMailQueue.toMessage(session.context(), mail));
        } catch (JMSException | JMSRuntimeException e) {
            session.context().close();
            throw e;
        }
        if (!idle.offerFirst(session)) {
            session.context().close();
        }
        meters.received();
    }

    private synchronized JMSContext shared() {
        if (connection == null) {
            connection = connectionFactory.createContext();
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        for (Session session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
            session.context().close();
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
