package org.smtprc.receiver;

import java.util.ArrayList;
import java.util.List;

/** The header section of a received message, read without trusting it. */
public final class MessageHeaders {

    private MessageHeaders() {
    }

    /** Unfolded header fields of the message's header section. */
    public static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : message.split("\r?\n", -1)) {
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
