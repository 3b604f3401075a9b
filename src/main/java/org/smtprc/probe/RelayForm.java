package org.smtprc.probe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smtprc.addresses.Endpoint;

/**
 * One relay test: the envelope sender and recipient a probe offers, as templates. The texts are sent verbatim
 * after "MAIL FROM:" and "RCPT TO:" once the macros are expanded, so they carry their own angle brackets.
 *
 * <p>Macros: {probe} probe mailbox local part, {domain} probe domain, {return} the probe mailbox's return address
 * ({@link #returnLocalPart local part} {probe}-return at {domain}: the sender of our own mailbox, so that a bounce,
 * which goes to the sender, is told apart from relayed mail, which goes to the recipient), {ip} the target's
 * address without brackets
 * ("127.0.1.1", "::1"), {ipliteral} the target's SMTP address literal ("[127.0.1.1]", "[IPv6:::1]"), {name} the
 * name the target announced in its banner or EHLO reply (its address literal when it announced none), {helo} our
 * HELO name.
 */
public record RelayForm(String name, String mailFrom, String rcptTo) {

    public static final List<String> MACROS = List.of("probe", "domain", "return", "ip", "ipliteral", "name", "helo");
    /** What turns the probe mailbox's local part into its return address's. */
    private static final String RETURN_SUFFIX = "-return";
    private static final Pattern MACRO = Pattern.compile("\\{([^{}]*)}");

    public RelayForm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mailFrom, "mailFrom");
        Objects.requireNonNull(rcptTo, "rcptTo");
    }

    /** The values the macros stand for on one target. */
    public record Macros(String probe, String domain, Endpoint target, String name, String helo) {

        public Macros {
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(helo, "helo");
            if (name == null || name.isBlank()) {
                name = target.addressLiteral();
            }
        }

        String valueOf(String macro) {
            return switch (macro) {
                case "probe" -> probe;
                case "domain" -> domain;
                case "return" -> returnLocalPart(probe) + "@" + domain;
                case "ip" -> target.host();
                case "ipliteral" -> target.addressLiteral();
                case "name" -> name;
                case "helo" -> helo;
                default -> throw new IllegalArgumentException("unknown macro {" + macro + "}");
            };
        }
    }

    /**
     * The local part of the probe mailbox's return address, the {return} macro's: {@code relaytest-return} for
     * {@code relaytest}. Mail addressed to it is a bounce of a probe message (or a reply to it), not relayed mail.
     */
    public static String returnLocalPart(String probeLocalPart) {
        return probeLocalPart + RETURN_SUFFIX;
    }

    /** This form with every macro replaced, in one pass (a value that looks like a macro stays as it is). */
    public RelayForm expand(Macros macros) {
        return new RelayForm(name, expand(mailFrom, macros), expand(rcptTo, macros));
    }

    /** The same as replacing every match of {@link #MACRO}, by hand: this runs for every test of every host. */
    private static String expand(String template, Macros macros) {
        int open = template.indexOf('{');
        if (open < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 48);
        int copied = 0;
        while (open >= 0) {
            int close = template.indexOf('}', open + 1);
            if (close < 0) {
                break;
            }
            int inner = template.indexOf('{', open + 1);
            if (inner >= 0 && inner < close) {
                open = inner;
                continue;
            }
            out.append(template, copied, open).append(macros.valueOf(template.substring(open + 1, close)));
            copied = close + 1;
            open = template.indexOf('{', copied);
        }
        return out.append(template, copied, template.length()).toString();
    }

    /** What is wrong with a template's macros, if anything: an unknown macro or a stray brace. */
    public static Optional<String> macroProblem(String template) {
        Matcher m = MACRO.matcher(template);
        while (m.find()) {
            if (!MACROS.contains(m.group(1))) {
                return Optional.of("unknown macro {" + m.group(1) + "}; known macros are "
                        + String.join(", ", MACROS.stream().map(x -> "{" + x + "}").toList()));
            }
        }
        String rest = MACRO.matcher(template).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            return Optional.of("stray '{' or '}' in " + template + "; macros look like {probe}");
        }
        return Optional.empty();
    }
}
