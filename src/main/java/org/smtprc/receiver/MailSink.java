package org.smtprc.receiver;

/** Where the receiver hands each message; the sender gets 250 only if this returns normally. */
@FunctionalInterface
public interface MailSink {
    void accept(ReceivedMail mail) throws Exception;
}
