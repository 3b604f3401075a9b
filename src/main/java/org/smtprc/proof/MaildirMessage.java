package org.smtprc.proof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static MaildirMessage read(Path file, int maxBytes) throws IOException {
        Instant delivered = Files.getLastModifiedTime(file).toInstant();
        try (InputStream in = Files.newInputStream(file)) {
            return new MaildirMessage(file, in.readNBytes(maxBytes), delivered);
        }
    }

    /**
     * The message as if our receiver had taken it: the envelope is rebuilt from the delivery headers
     * (Return-Path, Delivered-To), the relay is unknown, so the source names where the message was found.
     */
    public ReceivedMail toReceivedMail(String probeMailbox, String source) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> headers = AnonymityJudge.headers(text);
        String sender = header(headers, RETURN_PATH);
        String recipient = RECIPIENT_HEADERS.stream().map(name -> header(headers, name))
                .filter(value -> value != null && !value.isEmpty()).findFirst().orElse(probeMailbox);
        return new ReceivedMail(sender == null ? "" : sender, List.of(recipient), data, source, deliveredAt);
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
