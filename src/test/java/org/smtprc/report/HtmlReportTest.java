package org.smtprc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9!]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=");
    private static final Set<String> OUR_TAGS = Set.of("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1",
            "h2", "h3", "h4", "table", "tr", "th", "td", "section", "span", "div", "pre", "p", "br");
    private static final Set<String> OUR_ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class", "id");

    private static String render(Iterable<ReportHost> hosts) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlReport().write(out, ReportSamples.header(), hosts);
        return out.toString();
    }

    @Test
    void pageHasSummaryCountsAndHostsInTheGivenOrder() throws IOException {
        String html = render(List.of(ReportSamples.relay(), ReportSamples.secured("127.0.1.2:25"),
                ReportSamples.secured("127.0.1.3:25"), ReportSamples.unreachable()));

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<title>SmtpRC scan 42 report</title>")
                .contains("<tr><th>Targets</th><td>127.0.1.0/24</td></tr>")
                .contains("<tr><th>Ports</th><td>25,2525</td></tr>")
                .contains("<tr><th>Finished</th><td>2026-01-02T03:14:05Z</td></tr>")
                .contains("<tr><th>Addresses</th><td>256 of 256 done</td></tr>")
                .contains("<tr><td>confirmed open relay</td><td class=\"count\">1</td></tr>")
                .contains("<tr><td>secured</td><td class=\"count\">2</td></tr>")
                .contains("<tr><th>Total</th><th class=\"count\">4</th></tr>");
        assertThat(html.indexOf(">confirmed open relay<")).isLessThan(html.indexOf(">secured<"));

        int relay = html.indexOf("<section class=\"host relay\" id=\"host-1\">");
        int second = html.indexOf("127.0.1.2:25");
        int third = html.indexOf("127.0.1.3:25");
        int unreachable = html.indexOf("127.0.1.9:25");
        assertThat(relay).isPositive().isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(third).isLessThan(unreachable);
        assertThat(html).containsOnlyOnce("<span class=\"badge\">OPEN RELAY</span>");
    }

    @Test
    void hostSectionShowsEvidence() throws IOException {
        String html = render(List.of(ReportSamples.relay(), ReportSamples.unreachable()));

        assertThat(html)
                .contains("<h3>127.0.1.1:25 &mdash; confirmed open relay<span class=\"badge\">OPEN RELAY</span></h3>")
                .contains("<tr><th>Banner</th><td><pre>220 open.lab ESMTP</pre></td></tr>")
                .contains("<pre>250-PIPELINING\n250 8BITMIME</pre>")
                .contains("<tr><th>TLS</th><td>not offered</td></tr>")
                .contains("<h4>Test percent-hack</h4>")
                .contains("MAIL FROM:&lt;probe@probe.test&gt;<br>RCPT TO:&lt;probe%probe.test@[127.0.1.1]&gt;")
                .contains("<tr><th>Outcome</th><td>accepted</td></tr>")
                .contains("<tr><th>Confirmed</th><td>yes, 2026-01-02T03:05:00Z</td></tr>")
                .contains("<pre>&gt; MAIL FROM:&lt;probe@probe.test&gt;\n&lt; 250 ok\n</pre>")
                .contains("<h4>Headers of the relayed message we received</h4>\n<pre>Received: from open.lab\nSubject: SmtpRC probe\n</pre>")
                .contains("<section class=\"host\" id=\"host-2\">")
                .contains("<tr><th>Banner</th><td><pre>(none)</pre></td></tr>");
    }

    @Test
    void hostileInputComesOutInertAndBounded() throws IOException {
        String html = render(List.of(ReportSamples.hostile()));

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;\\x1b]0;title\\x07")
                .contains("\\x1b[31mred\\x1b[0m")
                .contains("nul\\x00byte")
                .contains("…[truncated ");
        assertThat(html.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t').count()).isZero();
        // three 1 MB fields went in; each is cut to the configured limits
        ReportLimits limits = ReportLimits.defaults();
        assertThat(html.length()).isLessThan(limits.maxFieldChars() * 12 + limits.maxTranscriptChars() * 2 + 10_000);
        assertOnlyOurMarkup(html);
    }

    @Test
    void limitsAreConfigurable() throws IOException {
        StringWriter out = new StringWriter();
        new HtmlReport(new ReportLimits(10, 20)).write(out, ReportSamples.header(), List.of(ReportSamples.hostile()));
        assertThat(out.toString()).hasSizeLessThan(8_000).contains("&lt;script&gt;al…[truncated");
    }

    @Test
    void nullSenderReadsAsEmptyBrackets() throws IOException {
        ReportHost host = new ReportHost("127.0.1.4:25", "accepts relay", true, null, null, false, null,
                List.of(new ReportTest("null-sender", "", "probe@probe.test", "accepted", null, false, null)), null);
        assertThat(render(List.of(host))).contains("MAIL FROM:&lt;&gt;<br>RCPT TO:&lt;probe@probe.test&gt;")
                .contains("<tr><th>Confirmed</th><td>no</td></tr>");
    }

    @Test
    void emptyScanSaysSo() throws IOException {
        assertThat(render(List.of())).contains("<p>No host results yet.</p>");
    }

    @Test
    void unfinishedScan() throws IOException {
        ReportHeader running = new ReportHeader(7, "127.0.0.1", "25", "quick", "STARTED", null, null, null, null, 1_000_000, 1_234);
        StringWriter out = new StringWriter();
        new HtmlReport().write(out, running, List.of());
        assertThat(out.toString()).contains("<tr><th>Started</th><td>not started</td></tr>")
                .contains("<tr><th>Finished</th><td>not finished</td></tr>")
                .contains("<tr><th>Addresses</th><td>1,234 of 1,000,000 done</td></tr>")
                .contains("<tr><th>Total</th><th class=\"count\">0</th></tr>");
    }

    @Test
    void hostsAreWrittenAsTheyArriveNotCollectedFirst() throws IOException {
        StringWriter out = new StringWriter();
        List<Integer> outputSizeWhenHostWasPulled = new ArrayList<>();
        int hostCount = 2_000;
        Iterable<ReportHost> lazyHosts = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < hostCount;
            }

            @Override
            public ReportHost next() {
                outputSizeWhenHostWasPulled.add(out.getBuffer().length());
                return ReportSamples.secured("127.0." + (next / 250) + "." + (next++ % 250 + 1) + ":25");
            }
        };
        new HtmlReport().write(out, ReportSamples.header(), lazyHosts);

        assertThat(outputSizeWhenHostWasPulled).hasSize(hostCount);
        for (int i = 1; i < hostCount; i++) {
            assertThat(outputSizeWhenHostWasPulled.get(i)).isGreaterThan(outputSizeWhenHostWasPulled.get(i - 1));
        }
        assertThat(out.toString()).contains("id=\"host-2000\"");
    }

    /** Every tag and attribute in the page is one the report itself writes: nothing from a host became markup. */
    private static void assertOnlyOurMarkup(String html) {
        String withoutStyle = html.replaceAll("(?s)<style>.*?</style>", "<style></style>");
        Matcher tag = TAG.matcher(withoutStyle);
        while (tag.find()) {
            assertThat(OUR_TAGS).as(tag.group()).contains(tag.group(2));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                assertThat(OUR_ATTRIBUTES).as(tag.group()).contains(attribute.group(1));
            }
        }
        assertThat(html).doesNotContain("href=").doesNotContain("src=\"").doesNotContain("url(");
    }
}
