package org.smtprc.receiver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A Maildir (the folder format of Postfix, Exim, Dovecot and qmail local delivery) that relayed probe mail is
 * delivered into, read the way a mail reader does: a message in {@code new/} (or in {@code cur/} without the
 * "seen" flag) is handed on, and only once that succeeded is it moved to {@code cur/} and flagged seen. A message
 * that could not be handed on stays unread and is tried again at the next poll; one that was handed on but not
 * yet flagged (a crash in between) is handed on twice, which the matching counts once.
 *
 * <p>Only regular files are read, and symbolic links are never followed: not in {@code new/} or {@code cur/} (a link
 * there could make us read any file the server may read, the credential store included, and show it in the
 * quarantine), nor as those folders themselves. A link in them is left where it is, unread, and named in a warning at
 * each poll until someone removes it.
 */
public final class Maildir {

    private static final Logger LOG = Logger.getLogger(Maildir.class.getName());
    /** How many skipped entries a warning names; it counts them all. */
    private static final int NAMED = 3;

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
        Path fresh = folder("new");
        Path current = folder("cur");
        List<MaildirMessage> unread = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        collect(fresh, unread, skipped);
        collect(current, unread, skipped);
        if (!skipped.isEmpty()) {
            LOG.warning(() -> "maildir " + root + ": skipped " + skipped.size() + " entries that are not regular files"
                    + " (symbolic links are never followed), left unread: " + skipped.stream().limit(NAMED)
                    .map(path -> root.relativize(path) + (Files.isSymbolicLink(path) ? " (symbolic link)" : ""))
                    .collect(Collectors.joining(", ")) + (skipped.size() > NAMED ? ", ..." : "")
                    + "; remove them, SmtpRC reads only the messages an MTA delivered");
        }
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

    /** One of the Maildir's own folders, a real folder and not a link to one. */
    private Path folder(String name) throws IOException {
        Path folder = root.resolve(name);
        if (Files.isSymbolicLink(folder)) {
            throw new IOException("smtprc.maildir.path " + root + ": " + name + "/ is a symbolic link, which SmtpRC"
                    + " does not follow; point the setting at the Maildir itself");
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("smtprc.maildir.path " + root + " is not a Maildir (it needs new/ and cur/"
                    + " folders): point it at the folder your MTA delivers the probe mailbox into");
        }
        return folder;
    }

    private void collect(Path folder, List<MaildirMessage> into, List<Path> skipped) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || isSeen(name)) {
                    continue;
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(file);
                    continue;
                }
                try {
                    into.add(MaildirMessage.read(file, maxMessageBytes));
                } catch (NoSuchFileException takenByOther) {
                    // flagged by another reader while we listed the folder
                } catch (IOException refused) {
                    if (!Files.isSymbolicLink(file)) {
                        throw refused;
                    }
                    skipped.add(file); // replaced by a link since it was listed: the read did not follow it
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
