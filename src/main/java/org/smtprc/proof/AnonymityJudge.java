package org.smtprc.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.smtprc.receiver.MessageHeaders;
import org.smtprc.receiver.SmtpReceiver;

/**
 * Does a relayed message still show where it came from? (The original SmtpRC's FAQ 6: an anonymous relay
 * replaces the headers and hides the sender.) Looks at the trace headers a relay adds or keeps — Received,
 * X-Originating-IP and the like — for the scanner's own addresses and names, skipping our receiver's own line.
 */
public final class AnonymityJudge {

    private static final Pattern TRACE_HEADER = Pattern.compile(
            "(?i)^(received|x-originating-ip|x-sender-ip|x-forwarded-for|x-originating-host|x-client-ip|x-received):");

    public record ScannerTraces(Set<String> addresses, Set<String> names) {
        public ScannerTraces {
            addresses = Set.copyOf(addresses);
            names = Set.copyOf(names);
        }
    }

    public record Judgement(boolean anonymous, String reasoning) {
    }

    public Judgement judge(String rawMessage, ScannerTraces traces) {
        List<String> traceHeaders = new ArrayList<>();
        for (String header : MessageHeaders.fields(rawMessage)) {
            if (TRACE_HEADER.matcher(header).find() && !header.contains(SmtpReceiver.OWN_TRACE_MARK)) {
                traceHeaders.add(header);
            }
        }
        for (String header : traceHeaders) {
            for (String address : traces.addresses()) {
                if (containsToken(header, address)) {
                    return new Judgement(false, "the relay's header '" + shorten(header) + "' names the scanner's address "
                            + address);
                }
            }
            for (String name : traces.names()) {
                if (containsToken(header.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
                    return new Judgement(false, "the relay's header '" + shorten(header) + "' names the scanner's name "
                            + name);
                }
            }
        }
        String looked = traceHeaders.isEmpty() ? "no Received or originating-address header besides our receiver's"
                : traceHeaders.size() + " trace header(s) besides our receiver's";
        return new Judgement(true, looked + ", and none names the scanner (" + String.join(", ", traces.addresses())
                + (traces.names().isEmpty() ? "" : "; " + String.join(", ", traces.names()))
                + "): the relay hides where the message came from");
    }

    /** A whole-token match: 127.0.0.1 does not match inside 127.0.0.10, nor a name inside a longer one. */
    private static boolean containsToken(String text, String token) {
        if (token.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = text.indexOf(token, from);
            if (at < 0) {
                return false;
            }
            boolean startOk = at == 0 || !partOfToken(text.charAt(at - 1));
            int end = at + token.length();
            boolean endOk = end == text.length() || !partOfToken(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean partOfToken(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
    }

    private static String shorten(String header) {
        return header.length() <= 200 ? header : header.substring(0, 200) + "…";
    }
}
