package org.smtprc.probe;

/** Why a server refused a relay test, which decides between SECURED, REQUIRES_AUTH and REQUIRES_TLS. */
enum Refusal {
    /** Not refused, or not for a reason that says anything about the host's policy (4xx, broken off). */
    NONE,
    /** Refused by the server's relay policy. */
    POLICY,
    /** Refused until the client authenticates. */
    AUTH,
    /** Refused until the client starts TLS. */
    TLS
}
