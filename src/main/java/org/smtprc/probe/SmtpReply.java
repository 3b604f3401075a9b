package org.smtprc.probe;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 section 4.2): a three-digit code and the text of each of its lines, without the code
 * and separator. The text is already made safe by {@link ReplyReader}.
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code " + code + " is out of range 200-599");
        }
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an SMTP reply has at least one line");
        }
    }

    public boolean isPositive() {
        return code / 100 == 2;
    }

    public boolean isTransient() {
        return code / 100 == 4;
    }

    public boolean isPermanent() {
        return code / 100 == 5;
    }

    /** The text of all lines joined by a space, for one-line details. */
    public String text() {
        return String.join(" ", lines);
    }

    /** The reply as it appeared on the wire, lines separated by '\n': "250-first" ... "250 last". */
    public String toTranscript() {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                wire.append('\n');
            }
            wire.append(wireLine(i));
        }
        return wire.toString();
    }

    /** Line {@code i} as it appeared on the wire: "250-first", ..., "250 last". */
    String wireLine(int i) {
        return code + (i == lines.size() - 1 ? " " : "-") + lines.get(i);
    }

    /** The code and text on one line: "550 5.7.1 Relaying denied". */
    public String summary() {
        return code + " " + text();
    }
}
