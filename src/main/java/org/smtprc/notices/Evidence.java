package org.smtprc.notices;

import org.smtprc.probe.TestOutcome;
import org.smtprc.report.SafeText;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.TestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evidence of relays in a notice's plain-text body. Everything a host sent (banner, replies, the relayed
 * message's headers) is shown quoted, one "| " line at a time: control characters made visible (a bare CR as
 * {@code \r}), long lines cut, each excerpt bounded; so it can neither end the body early, nor reach a header,
 * nor flood the mail.
 */
final class Evidence {

    static final int BANNER_CHARS = 500;
    static final int TRANSCRIPT_CHARS = 2_000;
    static final int HEADERS_CHARS = 3_000;
    static final int LINE_CHARS = 160;
    /** Hosts shown with their evidence in one notice; the rest are listed by address only. */
    static final int HOSTS_WITH_EVIDENCE = 50;
    private static final String QUOTE = "      | ";

    private Evidence() {
    }

    /** address:port, one host per line. */
    static String hostList(List<HostRecord> hosts) {
        return hosts.stream().map(h -> "  " + endpoint(h)).collect(Collectors.joining("\n"));
    }

    static String endpoint(HostRecord host) {
        return (host.getAddress().contains(":") ? "[" + host.getAddress() + "]" : host.getAddress()) + ":"
                + host.getPort();
    }

    /** Each host's verdict and evidence, the first {@value #HOSTS_WITH_EVIDENCE} hosts in full. */
    static String findings(List<HostRecord> hosts) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (HostRecord host : hosts) {
            if (shown++ == HOSTS_WITH_EVIDENCE) {
                out.append("(").append(hosts.size() - HOSTS_WITH_EVIDENCE).append(" more hosts: see the list above;"
                        + " the scan's report holds their evidence)\n");
                break;
            }
            host(out, host);
        }
        return out.toString();
    }

    private static void host(StringBuilder out, HostRecord host) {
        out.append("* ").append(endpoint(host)).append(": ").append(host.getVerdict().label()).append('\n');
        out.append("    probed at ").append(host.getProbedAt());
        if (host.getConfirmedAt() != null) {
            out.append("; our test message came back through it at ").append(host.getConfirmedAt());
        }
        out.append('\n');
        out.append("    greeting, as the host sent it:\n").append(quoted(host.getBanner(), BANNER_CHARS));
        List<TestRecord> tests = host.getTests();
        TestRecord proof = tests.stream().filter(t -> t.getConfirmedAt() != null).findFirst()
                .orElse(tests.stream().filter(t -> t.getOutcome() == TestOutcome.ACCEPTED).findFirst().orElse(null));
        if (proof != null) {
            out.append("    accepted relay test \"").append(line(proof.getForm())).append("\": MAIL FROM:")
                    .append(line(proof.getMailFrom())).append(" RCPT TO:").append(line(proof.getRcptTo()))
                    .append('\n');
            out.append("    the SMTP conversation of that test (excerpt):\n")
                    .append(quoted(proof.getTranscript(), TRANSCRIPT_CHARS));
            if (proof.getReceivedHeaders() != null) {
                out.append("    headers of the test message as it came back to us (excerpt):\n")
                        .append(quoted(proof.getReceivedHeaders(), HEADERS_CHARS));
            }
            if (Boolean.TRUE.equals(proof.getAnonymous())) {
                out.append("    it came back without a trace of where it came from (anonymous relay):\n")
                        .append(quoted(proof.getAnonymityReasoning(), LINE_CHARS * 4));
            }
        }
        List<String> others = new ArrayList<>();
        for (TestRecord t : tests) {
            if (t != proof && (t.getOutcome() == TestOutcome.ACCEPTED || t.getConfirmedAt() != null)) {
                others.add(line(t.getForm()));
            }
        }
        if (!others.isEmpty()) {
            out.append("    other relay tests it accepted: ").append(String.join(", ", others)).append('\n');
        }
        out.append('\n');
    }

    /** Host text as quoted lines: bounded, control characters visible, every line cut at {@value #LINE_CHARS}. */
    static String quoted(String hostile, int maxChars) {
        if (hostile == null || hostile.isEmpty()) {
            return QUOTE + "(nothing)\n";
        }
        StringBuilder out = new StringBuilder();
        for (String line : SafeText.printable(SafeText.bound(hostile, maxChars)).split("\n", -1)) {
            out.append(QUOTE).append(SafeText.bound(line.replace("\t", " "), LINE_CHARS)).append('\n');
        }
        return out.toString();
    }

    /** One short value on one line. */
    static String line(String text) {
        return SafeText.printableLine(SafeText.bound(text, LINE_CHARS));
    }
}
