package org.smtprc.proof;

import org.smtprc.probe.MessageComposer;
import org.smtprc.probe.ProbeContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message each relay test sends, from an operator-editable template: it says who tests and why, gives a
 * contact, and carries the proof token in a header and in the body.
 */
public final class ProbeMessage implements MessageComposer {

    public static final Set<String> MACROS = Set.of("scan", "operator", "contact", "target", "form", "token", "date",
            "messageid", "mailfrom", "rcptto", "mailbox");
    private static final Pattern MACRO = Pattern.compile("\\{([a-z]*)}");

    private final String template;
    private final ProofToken token;
    private final long scanId;
    private final String operator;
    private final String contact;
    private final String mailbox;

    /** @throws IllegalArgumentException naming the line of an unknown macro, or when {token} is missing */
    public ProbeMessage(String template, ProofToken token, long scanId, String operator, String contact,
                        String mailbox) {
        this.template = validated(template);
        this.token = token;
        this.scanId = scanId;
        this.operator = operator;
        this.contact = contact;
        this.mailbox = mailbox;
    }

    public static String builtInTemplate() {
        try (InputStream in = ProbeMessage.class.getResourceAsStream("/smtprc/probe-message.txt")) {
            if (in == null) {
                throw new IllegalStateException("the built-in probe message template is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String compose(ProbeContext ctx) {
        String domain = mailbox.substring(mailbox.indexOf('@') + 1);
        Map<String, String> values = Map.ofEntries(
                Map.entry("scan", Long.toString(scanId)),
                Map.entry("operator", operator),
                Map.entry("contact", contact),
                Map.entry("target", ctx.target().toString()),
                Map.entry("form", ctx.form().name()),
                Map.entry("token", token.mint(new TokenClaim(scanId, ctx.target().host(), ctx.target().port(),
                        ctx.form().name()))),
                Map.entry("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))),
                Map.entry("messageid", UUID.randomUUID() + "@" + domain),
                Map.entry("mailfrom", ctx.mailFrom()),
                Map.entry("rcptto", ctx.rcptTo()),
                Map.entry("mailbox", mailbox));
        String text = MACRO.matcher(template).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String validated(String template) {
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher macro = MACRO.matcher(lines[i]);
            while (macro.find()) {
                if (!MACROS.contains(macro.group(1))) {
                    throw new IllegalArgumentException("probe message template line " + (i + 1) + ": unknown macro {"
                            + macro.group(1) + "}; known: " + MACROS);
                }
            }
        }
        if (!template.contains("{token}")) {
            throw new IllegalArgumentException("the probe message template must carry {token}: without it no relay"
                    + " can be proven");
        }
        return template;
    }
}
