package org.smtprc.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scan's HTML report: one self-contained page (inline CSS, no scripts, no external links, a CSP that forbids
 * both), written host by host so memory does not depend on how many hosts the scan covered.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin-bottom:1.5em}
            th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#eee}
            td.count{text-align:right}
            section.host{border:1px solid #bbb;border-left:6px solid #9a9;margin:1em 0;padding:.5em 1em}
            section.relay{border-left-color:#c00;background:#fff3f3}
            .badge{background:#c00;color:#fff;font-weight:bold;padding:.1em .5em;margin-left:.5em}
            .test{border-top:1px dashed #bbb;margin-top:.6em;padding-top:.4em}
            pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;overflow-wrap:anywhere;max-height:30em;overflow:auto}
            """;

    private final ReportLimits limits;

    public HtmlReport(ReportLimits limits) {
        this.limits = limits;
    }

    public HtmlReport() {
        this(ReportLimits.defaults());
    }

    /** @param hosts already in report order (open relays first); iterated once */
    public void write(Writer out, ReportHeader header, Iterable<ReportHost> hosts) throws IOException {
        write(out, header, List.of(), hosts);
    }

    /**
     * @param sections safe HTML sections (e.g. the changes since the base scan) between the counts and the hosts
     * @param hosts    already in report order (open relays first); iterated once
     */
    public void write(Writer out, ReportHeader header, List<String> sections, Iterable<ReportHost> hosts)
            throws IOException {
        out.write(head("SmtpRC scan " + header.scanId() + " report"));
        out.write("<h1>SmtpRC scan " + header.scanId() + "</h1>\n");
        writeSummary(out, header);
        writeCounts(out, header.countsByVerdictLabel());
        for (String section : sections) {
            out.write(section);
        }
        out.write("<h2>Hosts</h2>\n");
        long written = 0;
        for (ReportHost host : hosts) {
            writeHost(out, host, ++written);
        }
        if (written == 0) {
            out.write("<p>No host results yet.</p>\n");
        }
        out.write("</body>\n</html>\n");
        out.flush();
    }

    /**
     * Everything up to the body: no scripts, no external links, a CSP that forbids both.
     *
     * @param title plain text without markup
     */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + title + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    private void writeSummary(Writer out, ReportHeader header) throws IOException {
        out.write("<table class=\"summary\">\n");
        row(out, "Targets", line(header.targets()));
        row(out, "Ports", line(header.ports()));
        row(out, "Profile", line(header.profile()));
        row(out, "Status", line(header.status()));
        row(out, "Started", time(header.started(), "not started"));
        row(out, "Finished", time(header.finished(), "not finished"));
        row(out, "Scanned from", line(header.scannedFrom()));
        row(out, "Addresses", grouped(header.addressesDone()) + " of " + grouped(header.addressesTotal()) + " done");
        out.write("</table>\n");
    }

    private void writeCounts(Writer out, Map<String, Long> counts) throws IOException {
        out.write("<h2>Verdicts</h2>\n<table class=\"counts\">\n<tr><th>Verdict</th><th>Hosts</th></tr>\n");
        long total = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            long hosts = count.getValue() == null ? 0 : count.getValue();
            total += hosts;
            out.write("<tr><td>" + line(count.getKey()) + "</td><td class=\"count\">" + grouped(hosts) + "</td></tr>\n");
        }
        out.write("<tr><th>Total</th><th class=\"count\">" + grouped(total) + "</th></tr>\n</table>\n");
    }

    private void writeHost(Writer out, ReportHost host, long number) throws IOException {
        out.write("<section class=\"host" + (host.relay() ? " relay" : "") + "\" id=\"host-" + number + "\">\n");
        out.write("<h3>" + line(host.endpoint()) + " &mdash; " + line(host.verdictLabel())
                + (host.relay() ? "<span class=\"badge\">OPEN RELAY</span>" : "") + "</h3>\n");
        out.write("<table class=\"host-facts\">\n");
        row(out, "Banner", block(host.banner(), limits.maxFieldChars()));
        row(out, "Capabilities", block(host.capabilities(), limits.maxFieldChars()));
        row(out, "TLS", host.tls() ? "offered (STARTTLS)" : "not offered");
        row(out, "Detail", line(host.detail()));
        out.write("</table>\n");
        for (ReportTest test : host.tests()) {
            writeTest(out, test);
        }
        if (host.confirmationHeaders() != null && !host.confirmationHeaders().isBlank()) {
            out.write("<h4>Headers of the relayed message we received</h4>\n"
                    + block(host.confirmationHeaders(), limits.maxTranscriptChars()) + "\n");
        }
        out.write("</section>\n");
    }

    private void writeTest(Writer out, ReportTest test) throws IOException {
        out.write("<div class=\"test\">\n<h4>Test " + line(test.form()) + "</h4>\n<table>\n");
        // addresses come without brackets, so the null sender "" reads as MAIL FROM:<>
        row(out, "Envelope", "MAIL FROM:&lt;" + line(test.mailFrom()) + "&gt;<br>RCPT TO:&lt;" + line(test.rcptTo()) + "&gt;");
        row(out, "Outcome", line(test.outcome()));
        row(out, "Confirmed", test.confirmed() ? "yes, " + time(test.confirmedAt(), "time unknown") : "no");
        out.write("</table>\n" + block(test.transcript(), limits.maxTranscriptChars()) + "\n</div>\n");
    }

    private static void row(Writer out, String label, String safeHtml) throws IOException {
        out.write("<tr><th>" + label + "</th><td>" + safeHtml + "</td></tr>\n");
    }

    /** Hostile one-line text, made inert for an HTML text node. */
    private String line(String hostile) {
        return SafeText.html(SafeText.bound(SafeText.printableLine(hostile), limits.maxFieldChars()));
    }

    /** Hostile multi-line text in a pre block. */
    private static String block(String hostile, int maxChars) {
        if (hostile == null || hostile.isEmpty()) {
            return "<pre>(none)</pre>";
        }
        return "<pre>" + SafeText.html(SafeText.bound(SafeText.printable(hostile), maxChars)) + "</pre>";
    }

    private static String time(Instant instant, String absent) {
        return instant == null ? absent : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
