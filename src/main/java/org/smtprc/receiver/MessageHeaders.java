package org.smtprc.receiver;

import java.util.ArrayList;
import java.util.List;

/** The header section of a received message, read without trusting it. */
public final class MessageHeaders {

    private MessageHeaders() {
    }

    /** Unfolded header fields of the message's header section; the body is not read. */
    public static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        while (start < message.length()) {
            int end = message.indexOf('\n', start);
            if (end < 0) {
                end = message.length();
            }
            String line = message.substring(start, end > start && message.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                current.append(' ').append(line.strip());
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }
}
