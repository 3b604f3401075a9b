package org.smtprc.probe;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A small, plain test message naming the target and the form, for tests that do not need a proof token.
 */
final class MinimalProbeMessage implements MessageComposer {

    @Override
    public String compose(ProbeContext ctx) {
        String domain = domainOf(ctx.rcptTo());
        return String.join("\r\n",
                "From: SmtpRC relay test " + ctx.mailFrom(),
                "To: " + ctx.rcptTo(),
                "Subject: SmtpRC relay test of " + ctx.target() + " (" + ctx.form().name() + ")",
                "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)),
                "Message-ID: <" + UUID.randomUUID() + "@" + domain + ">",
                "",
                "This message tests whether " + ctx.target() + " relays mail for third parties.",
                "Relay test: " + ctx.form().name(),
                "");
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "smtprc.invalid" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return domain.isEmpty() ? "smtprc.invalid" : domain;
    }
}
