package org.smtprc.notices;

import org.smtprc.report.SafeText;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notice's text: a first line {@code Subject: ...}, a blank line, then the body, with {@code {placeholders}}.
 * Multi-line placeholders, and every one that can carry text a scanned host sent ({@code {findings}}), are refused
 * in the subject: a mail header is built from our own values only. The rendered subject is one printable line,
 * bounded, whatever the values hold.
 */
public final class NoticeTemplate {

    static final int SUBJECT_LIMIT = 200;

    /** Our own values, one line each: allowed in the subject and the body. */
    static final Set<String> LINE_PLACEHOLDERS = Set.of("scan", "recheckscan", "owner", "reference", "network", "to",
            "operator", "operatorcontact", "scannedfrom", "completed", "deadline", "hostcount", "remediation", "kind",
            "dryrun");
    /** Several lines, or text from scanned hosts: the body only. */
    static final Set<String> BODY_PLACEHOLDERS = Set.of("hosts", "findings", "counts", "notices", "unowned",
            "targets");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final String subject;
    private final String body;

    private NoticeTemplate(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    /** @throws IllegalArgumentException naming the line of a bad placeholder, or a missing subject line */
    public static NoticeTemplate parse(String text, String name) {
        String normalised = text.startsWith("\uFEFF") ? text.substring(1) : text;
        normalised = normalised.replace("\r\n", "\n");
        int end = normalised.indexOf('\n');
        String first = end < 0 ? normalised : normalised.substring(0, end);
        if (!first.regionMatches(true, 0, "Subject:", 0, 8)) {
            throw new IllegalArgumentException("notice template " + name + " line 1: must be \"Subject: ...\", then a"
                    + " blank line, then the body");
        }
        String rest = end < 0 ? "" : normalised.substring(end + 1);
        if (!rest.isEmpty() && !rest.startsWith("\n")) {
            throw new IllegalArgumentException("notice template " + name + " line 2: must be blank (it ends the"
                    + " subject)");
        }
        String subject = first.substring(8).strip();
        check(name, 1, subject, LINE_PLACEHOLDERS, true);
        String body = rest.isEmpty() ? "" : rest.substring(1);
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            check(name, i + 3, lines[i], null, false);
        }
        return new NoticeTemplate(subject, body);
    }

    private static void check(String name, int line, String text, Set<String> allowed, boolean inSubject) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String placeholder = m.group(1);
            boolean known = LINE_PLACEHOLDERS.contains(placeholder) || BODY_PLACEHOLDERS.contains(placeholder);
            if (!known) {
                throw new IllegalArgumentException("notice template " + name + " line " + line
                        + ": unknown placeholder {" + placeholder + "}; known: " + LINE_PLACEHOLDERS + " and, in the"
                        + " body only, " + BODY_PLACEHOLDERS);
            }
            if (inSubject && !allowed.contains(placeholder)) {
                throw new IllegalArgumentException("notice template " + name + " line " + line + ": {" + placeholder
                        + "} may not be in the subject (several lines, or text a scanned host sent); use it in the"
                        + " body");
            }
        }
    }

    /** The subject: one printable line of at most {@value #SUBJECT_LIMIT} characters. */
    public String subject(Map<String, String> values) {
        String line = SafeText.printableLine(fill(subject, values)).strip();
        return line.length() <= SUBJECT_LIMIT ? line : line.substring(0, SUBJECT_LIMIT - 1) + "…";
    }

    /** The body; the values are put in as they are (the caller neutralises host text, see {@link Evidence}). */
    public String body(Map<String, String> values) {
        return fill(body, values);
    }

    private static String fill(String text, Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
}
