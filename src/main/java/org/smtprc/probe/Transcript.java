package org.smtprc.probe;

/**
 * The bounded record of one relay test: what we sent ("C:"), what the server said ("S:") and our notes ("--"),
 * each line stamped with the milliseconds since the test began. Past the bound, one mark replaces the rest, so a
 * chatty server cannot grow the evidence.
 */
final class Transcript {

    static final String TRUNCATED = "-- transcript truncated --";

    private final long startNanos = System.nanoTime();
    private final int maxChars;
    private final StringBuilder text;
    private boolean full;

    /** @param earlier what an earlier, interrupted attempt of the same test recorded; kept in front */
    Transcript(int maxChars, String earlier) {
        this.maxChars = maxChars;
        this.text = new StringBuilder(earlier);
        this.full = earlier.endsWith(TRUNCATED + "\n");
    }

    void sent(String command) {
        line("C: " + command);
    }

    void received(SmtpReply reply) {
        for (int i = 0; i < reply.lines().size(); i++) {
            line("S: " + reply.wireLine(i));
        }
    }

    void note(String note) {
        line("-- " + note);
    }

    long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    String text() {
        return text.toString();
    }

    private void line(String line) {
        if (full) {
            return;
        }
        String stamped = "+" + millis() + "ms " + line + "\n";
        if (text.length() + stamped.length() > maxChars) {
            text.append(TRUNCATED).append('\n');
            full = true;
        } else {
            text.append(stamped);
        }
    }
}
