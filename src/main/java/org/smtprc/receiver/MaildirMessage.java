package org.smtprc.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One message file of a {@link Maildir}: its bytes (at most the size limit: a probe message is small, and its
 * token sits near the top), and when the MTA delivered it (the file's time, which Maildir delivery sets).
 */
public record MaildirMessage(Path file, byte[] data, Instant deliveredAt) {

    /** Headers an MTA writes at final delivery that name the envelope, in the order we trust them. */
    private static final List<String> RECIPIENT_HEADERS = List.of("delivered-to", "x-original-to");
    private static final String RETURN_PATH = "return-path";
    /** Where a message was found is stored as its peer, which holds 128 characters. */
    private static final int MAX_SOURCE = 128;

    /** Reads the file itself: a symbolic link fails the read (an IOException), it is never followed. */
    static MaildirMessage read(Path file, int maxBytes) throws IOException {
        Instant delivered = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return new MaildirMessage(file, in.readNBytes(maxBytes), delivered);
        }
    }

    /**
     * The message as if our receiver had taken it: the envelope is rebuilt from the delivery headers
     * (Return-Path, Delivered-To), the relay is unknown, so the source names where the message was found.
     */
    public ReceivedMail toReceivedMail(String probeMailbox, String source) {
        return delivered(data, deliveredAt, probeMailbox, source);
    }

    /**
     * Any message a mail store (a Maildir, an IMAP or POP3 mailbox) holds after final delivery, as received mail:
     * the same rebuilt envelope for every store, so the matching sees no difference between them.
     */
    public static ReceivedMail delivered(byte[] data, Instant deliveredAt, String probeMailbox, String source) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> headers = MessageHeaders.fields(text);
        String sender = header(headers, RETURN_PATH);
        String recipient = RECIPIENT_HEADERS.stream().map(name -> header(headers, name))
                .filter(value -> value != null && !value.isEmpty()).findFirst().orElse(probeMailbox);
        String peer = source.length() <= MAX_SOURCE ? source : source.substring(0, MAX_SOURCE);
        return new ReceivedMail(sender == null ? "" : sender, List.of(recipient), data, peer, deliveredAt);
    }

    /** The first header field of that name, its angle brackets removed, or null. */
    private static String header(List<String> headers, String name) {
        String prefix = name + ":";
        for (String field : headers) {
            if (field.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                String value = field.substring(prefix.length()).strip();
                return value.startsWith("<") && value.endsWith(">") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }
}
