package org.smtprc.probe;

import java.util.List;
import java.util.Locale;

/** What a server's EHLO reply advertises (RFC 5321 section 4.1.1.1); HELO-only servers advertise nothing. */
record Capabilities(boolean esmtp, boolean pipelining, boolean startTls, List<String> keywords) {

    static final Capabilities NONE = new Capabilities(false, false, false, List.of());

    /** The keyword lines of an EHLO reply: every line after the first, which is the server's greeting. */
    static Capabilities fromEhlo(SmtpReply ehlo) {
        List<String> keywords = ehlo.lines().subList(1, ehlo.lines().size());
        return new Capabilities(true, has(keywords, "PIPELINING"), has(keywords, "STARTTLS"), List.copyOf(keywords));
    }

    private static boolean has(List<String> keywords, String keyword) {
        return keywords.stream()
                .map(line -> line.strip().split("[ =]", 2)[0].toUpperCase(Locale.ROOT))
                .anyMatch(keyword::equals);
    }

    /** For the report: the advertised lines, or a note that the server speaks only HELO. */
    String describe() {
        if (!esmtp) {
            return "(no ESMTP: HELO only)";
        }
        return keywords.isEmpty() ? "(no extensions)" : String.join(", ", keywords);
    }
}
