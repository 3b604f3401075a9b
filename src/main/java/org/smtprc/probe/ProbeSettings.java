package org.smtprc.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.smtprc.addresses.Scope;

/**
 * How to probe one host.
 *
 * @param heloName       the name we give in EHLO/HELO
 * @param probeLocalPart local part of our probe mailbox, the recipient of every test
 * @param probeDomain    domain of our probe mailbox; mail for it must reach our receiver
 * @param connectTimeout how long to wait for the TCP connection
 * @param commandTimeout how long to wait for each reply
 * @param hostBudget     the whole conversation with one host, reconnects included, never takes longer
 * @param rcptOnly       safe mode: stop each test after RCPT, never send a message
 * @param messagePerForm send a probe message for every form the host accepts (the original SmtpRC's way), not only
 *                       until the host has taken one; one message proves the relay, the rest only add mail
 * @param forms          the relay tests to run, in order
 * @param composer       writes the message sent after DATA
 * @param scope          the networks we may connect to; checked before every connection, reconnects included, so a
 *                       scope narrowed while a scan waits stops it from reaching what is no longer authorised
 */
public record ProbeSettings(String heloName, String probeLocalPart, String probeDomain, Duration connectTimeout,
                            Duration commandTimeout, Duration hostBudget, boolean rcptOnly, boolean messagePerForm,
                            List<RelayForm> forms,
                            MessageComposer composer, Scope scope) {

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$&'*+/=?^_`{|}~.-]+");

    public ProbeSettings {
        if (!HostNames.isHeloName(heloName)) {
            throw new IllegalArgumentException("HELO name '" + heloName + "' is not a domain name or address literal;"
                    + " use e.g. scanner.example.net or [192.0.2.1]");
        }
        if (probeLocalPart == null || !LOCAL_PART.matcher(probeLocalPart).matches()) {
            throw new IllegalArgumentException("probe mailbox local part '" + probeLocalPart
                    + "' is not a plain local part; use letters, digits and . _ - + only");
        }
        requireDomain("probe domain", probeDomain);
        requirePositive("connect timeout", connectTimeout);
        requirePositive("command timeout", commandTimeout);
        requirePositive("host time budget", hostBudget);
        forms = List.copyOf(Objects.requireNonNull(forms, "forms"));
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("no relay tests to run; choose a profile that names at least one form");
        }
        Objects.requireNonNull(composer, "composer");
        Objects.requireNonNull(scope, "scope");
    }

    private static void requireDomain(String what, String value) {
        if (!HostNames.isDomain(value)) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a domain name; use e.g. probe.example.net");
        }
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
