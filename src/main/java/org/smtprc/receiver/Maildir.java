package org.smtprc.receiver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A Maildir (the folder format of Postfix, Exim, Dovecot and qmail local delivery) that relayed probe mail is
 * delivered into, read the way a mail reader does: a message in {@code new/} (or in {@code cur/} without the
 * "seen" flag) is handed on, and only once that succeeded is it moved to {@code cur/} and flagged seen. A message
 * that could not be handed on stays unread and is tried again at the next poll; one that was handed on but not
 * yet flagged (a crash in between) is handed on twice, which the matching counts once.
 */
public final class Maildir {

    /** The Maildir "info" separator and the version-2 flags that follow it (RFC-like spec by D. J. Bernstein). */
    private static final String INFO = ":2,";
    private static final char SEEN = 'S';

    private final Path root;
    private final int maxMessageBytes;

    public Maildir(Path root, int maxMessageBytes) {
        this.root = root;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Unread messages, oldest first. Fails with the operator's words when the folder is not a Maildir. */
    public List<MaildirMessage> unread() throws IOException {
        Path fresh = root.resolve("new");
        Path current = root.resolve("cur");
        if (!Files.isDirectory(fresh) || !Files.isDirectory(current)) {
            throw new IOException("smtprc.maildir.path " + root + " is not a Maildir (it needs new/ and cur/"
                    + " folders): point it at the folder your MTA delivers the probe mailbox into");
        }
        List<MaildirMessage> unread = new ArrayList<>();
        collect(fresh, unread);
        collect(current, unread);
        unread.sort(Comparator.comparing(MaildirMessage::deliveredAt).thenComparing(m -> m.file().getFileName()));
        return unread;
    }

    /**
     * Hands every unread message to the sink as received mail and flags each one seen that the sink took.
     *
     * @param probeMailbox the envelope recipient to assume when the delivering MTA wrote no Delivered-To
     * @return how many messages the sink took
     * @throws Exception the sink's failure, after the messages before it were flagged (the rest stay unread)
     */
    public int drain(MailSink sink, String probeMailbox) throws Exception {
        int taken = 0;
        for (MaildirMessage message : unread()) {
            sink.accept(message.toReceivedMail(probeMailbox, "maildir " + root));
            markSeen(message);
            taken++;
        }
        return taken;
    }

    /** Moves the message to cur/ with the seen flag, keeping its unique name and any other flags. */
    public void markSeen(MaildirMessage message) throws IOException {
        String name = message.file().getFileName().toString();
        int info = name.indexOf(INFO);
        String unique = info < 0 ? name : name.substring(0, info);
        String flags = info < 0 ? "" : name.substring(info + INFO.length());
        if (flags.indexOf(SEEN) < 0) {
            flags = sortedFlags(flags + SEEN);
        }
        Path seen = root.resolve("cur").resolve(unique + INFO + flags);
        try {
            Files.move(message.file(), seen, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException takenByOther) {
            // another reader (a second node polling the same Maildir) flagged it first: nothing left to do
        }
    }

    private void collect(Path folder, List<MaildirMessage> into) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file) || isSeen(name)) {
                    continue;
                }
                try {
                    into.add(MaildirMessage.read(file, maxMessageBytes));
                } catch (NoSuchFileException takenByOther) {
                    // flagged by another reader while we listed the folder
                }
            }
        }
    }

    private static boolean isSeen(String name) {
        int info = name.indexOf(INFO);
        return info >= 0 && name.indexOf(SEEN, info + INFO.length()) >= 0;
    }

    /** Maildir flags are kept in ASCII order. */
    private static String sortedFlags(String flags) {
        char[] chars = flags.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }
}
