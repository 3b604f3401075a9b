package org.smtprc.notices;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.smtprc.config.Settings;

import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * Sends a notice through WildFly's mail session {@code java:jboss/mail/SmtpRc} (wildfly-config/mail.cli; its socket
 * binding {@code smtprc-smarthost} says which mail server), as plain text, with time limits on every step so that a
 * mail server that does not answer cannot hold the scan's last step for long.
 */
@ApplicationScoped
public class NoticeMail {

    @Resource(lookup = "java:jboss/mail/SmtpRc")
    Session session;

    @Inject
    Settings settings;

    /** Sends the mail; its Message-ID. */
    String send(String to, String subject, String body, long scanId) throws MessagingException {
        Session bounded = bounded();
        String messageId = "<notice-" + UUID.randomUUID() + "@" + settings.probeDomain() + ">";
        MimeMessage message = new MimeMessage(bounded) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Our own id: the default would ask the resolver for this machine's name.
                setHeader("Message-ID", messageId);
            }
        };
        String from = bounded.getProperty("mail.from");
        message.setFrom(new InternetAddress(from == null ? "smtprc@" + settings.probeDomain() : from, true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        replyTo(message);
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        // RFC 3834: machine-made, so auto-responders stay quiet.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-SmtpRC-Scan", Long.toString(scanId));
        message.setText(body, "UTF-8");
        message.saveChanges();
        Transport.send(message);
        return message.getMessageID();
    }

    private void replyTo(MimeMessage message) throws MessagingException {
        try {
            message.setReplyTo(new InternetAddress[]{new InternetAddress(settings.contact(), true)});
        } catch (AddressException notAnAddress) {
            // smtprc.contact may be a name or a URL rather than a mailbox: then replies go to the sender.
        }
    }

    /** The server's session with time limits on connecting, reading and writing. */
    private Session bounded() {
        Properties properties = new Properties();
        properties.putAll(session.getProperties());
        String timeout = Long.toString(settings.noticesSmtpTimeout().toMillis());
        // The name we greet the mail server with; unset, Jakarta Mail would look this machine's name up in DNS.
        properties.putIfAbsent("mail.smtp.localhost", settings.heloName());
        for (String protocol : new String[]{"smtp", "smtps"}) {
            properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
            properties.setProperty("mail." + protocol + ".timeout", timeout);
            properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        }
        return Session.getInstance(properties);
    }
}
