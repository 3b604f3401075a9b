package org.smtprc.lab;

/** The shapes a RCPT path can take; relays that honour a loophole route the odd shapes to a real mailbox. */
enum EnvelopeFamily {
    /** {@code user@domain}, delivered as given. */
    PLAIN,
    /** {@code user%domain@host}: the host rewrites the last % into @. */
    PERCENT_HACK,
    /** {@code domain!user} or {@code domain!user@host}: UUCP routing. */
    BANG_PATH,
    /** {@code @host:user@domain}: RFC 821 source route, the relay strips the route. */
    SOURCE_ROUTE,
    /** {@code "user@domain"}, {@code "user@domain"@host} or {@code "user%domain"}: a quoted local part. */
    QUOTED,
    /** {@code user@domain@host}: the relay strips the trailing host. */
    DOUBLE_AT
}
