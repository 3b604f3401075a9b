package org.smtprc.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/** How a probe words what happened, in its details and transcripts: plain words, bounded lengths. */
final class ProbeText {

    /** Appended where {@link #bounded} cut a text. */
    static final String CUT = "[...]";

    private ProbeText() {
    }

    /** A network failure in the operator's words; {@code commandTimeout} is the wait that a timeout exceeded. */
    static String describe(IOException e, Duration commandTimeout) {
        return switch (e) {
            case BudgetExhaustedException b -> b.getMessage();
            case SocketTimeoutException t -> "no reply within " + millis(commandTimeout);
            case EOFException eof -> "the server closed the connection";
            case MalformedReplyException m -> "malformed reply: " + m.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    /** "1,500 ms". */
    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%,d ms", duration.toMillis());
    }

    /** The text, cut after {@code max} characters with a mark that it was cut. */
    static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + CUT;
    }
}
