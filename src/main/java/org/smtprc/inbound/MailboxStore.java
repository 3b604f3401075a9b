package org.smtprc.inbound;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.smtprc.receiver.MailSink;
import org.smtprc.receiver.MaildirMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads relayed probe mail from an IMAP or POP3 mailbox with Jakarta Mail, like a mail reader that leaves
 * nothing behind: each message is handed on first, and only then flagged seen (IMAP) or deleted (POP3, which
 * has no flags). A message that could not be handed on stays for the next poll.
 */
final class MailboxStore {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final MailboxSettings settings;
    private final int maxMessageBytes;
    private final String probeMailbox;

    MailboxStore(MailboxSettings settings, int maxMessageBytes, String probeMailbox) {
        this.settings = settings;
        this.maxMessageBytes = maxMessageBytes;
        this.probeMailbox = probeMailbox;
    }

    /** @return how many messages the sink took */
    int drain(MailSink sink) throws Exception {
        String protocol = settings.mailbox().getScheme().toLowerCase(Locale.ROOT);
        Store store = Session.getInstance(sessionProperties(protocol)).getStore(protocol);
        store.connect(settings.mailbox().getHost(), settings.mailbox().getPort(), settings.mailbox().getUserInfo(),
                settings.password());
        try {
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            boolean pop3 = settings.pop3();
            int taken = 0;
            try {
                Message[] messages = pop3 ? folder.getMessages()
                        : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : messages) {
                    sink.accept(MaildirMessage.delivered(bytes(message), deliveredAt(message), probeMailbox,
                            settings.describeMailbox()));
                    message.setFlag(pop3 ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
                    taken++;
                }
            } finally {
                // POP3 deletes at QUIT what was taken, even when a later message failed
                folder.close(pop3);
            }
            return taken;
        } finally {
            store.close();
        }
    }

    /**
     * Timeouts, so a hung server cannot stall the poller; PEEK, so reading a message does not flag it seen
     * before it is safely on the inbound queue.
     */
    private static Properties sessionProperties(String protocol) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        properties.put("mail." + protocol + ".timeout", Long.toString(READ_TIMEOUT.toMillis()));
        properties.put("mail." + protocol + ".peek", "true");
        return properties;
    }

    /** The raw message, at most the size limit: a probe message is small and its token sits near the top. */
    private byte[] bytes(Message message) throws IOException, MessagingException {
        BoundedBuffer buffer = new BoundedBuffer(maxMessageBytes);
        message.writeTo(buffer);
        return buffer.toByteArray();
    }

    /** IMAP knows when the message arrived in the mailbox; POP3 does not, so it arrived when we saw it. */
    private static Instant deliveredAt(Message message) throws MessagingException {
        return message.getReceivedDate() == null ? Instant.now() : message.getReceivedDate().toInstant();
    }

    /** Keeps the first bytes and drops the rest, so a huge message in the mailbox cannot exhaust memory. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {

        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, Math.max(0, Math.min(length, limit - count)));
        }
    }
}
