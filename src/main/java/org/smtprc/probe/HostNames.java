package org.smtprc.probe;

import java.util.regex.Pattern;

/**
 * What may stand for a host in an SMTP command: a domain name, or an address literal such as {@code [192.0.2.1]}
 * or {@code [IPv6:2001:db8::1]} (RFC 5321, 4.1.3). One rule for every place that takes or sends such a name: the
 * API's EHLO option, the probe's settings, and the name a scanned server announces.
 */
public final class HostNames {

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(?:IPv6:)?[0-9A-Fa-f:.]{2,45}]");

    private HostNames() {
    }

    public static boolean isDomain(String name) {
        return name != null && DOMAIN.matcher(name).matches();
    }

    public static boolean isAddressLiteral(String name) {
        return name != null && ADDRESS_LITERAL.matcher(name).matches();
    }

    /** A name we may give in EHLO/HELO, or take from a server's greeting: a domain or an address literal. */
    public static boolean isHeloName(String name) {
        return isDomain(name) || isAddressLiteral(name);
    }
}
