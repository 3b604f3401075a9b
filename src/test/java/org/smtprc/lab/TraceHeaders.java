package org.smtprc.lab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The trace a relay leaves in a message it passes on: its own Received header, or none at all. */
final class TraceHeaders {

    private TraceHeaders() {
    }

    /**
     * What a relaying MTA prepends (RFC 5321 4.4): who handed the message over, from where, and to whom.
     *
     * @param recipient named in a "for" clause only when the message has this single recipient, else null
     */
    static String received(String clientHelo, String clientIp, String relayName, String queueId, String recipient, boolean tls) {
        return "Received: from " + clientHelo + " ([" + clientIp + "])\r\n"
                + "\tby " + relayName + " (SmtpRC lab) with " + (tls ? "ESMTPS" : "ESMTP") + " id " + queueId + "\r\n"
                + "\t" + (recipient == null ? "" : "for <" + recipient + ">") + "; "
                + DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n";
    }

    static byte[] prepend(String header, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + header.length());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(message);
        return out.toByteArray();
    }

    /**
     * Removes every Received and X-Originating-* header with its continuation lines, as an anonymising relay does;
     * the body is left alone.
     */
    static byte[] stripTrace(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        boolean inHeader = true;
        boolean dropping = false;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end);
            start = end;
            if (inHeader) {
                if (line.isBlank()) {
                    inHeader = false;
                } else if (line.startsWith(" ") || line.startsWith("\t")) {
                    if (dropping) {
                        continue;
                    }
                } else {
                    String lower = line.toLowerCase(Locale.ROOT);
                    dropping = lower.startsWith("received:") || lower.startsWith("x-originating-");
                    if (dropping) {
                        continue;
                    }
                }
            }
            out.append(line);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
