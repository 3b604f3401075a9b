package org.smtprc.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A diff's CSV and HTML carry a hostile host's text (its verdict detail quotes its banner) inert. */
class ChangesRenderingTest {

    private static final String HOSTILE_DETAIL = "=HYPERLINK(\"http://x\"),\r\n<img src=x onerror=alert(1)>\u001b[2J";

    private static final ChangeLine FIXED = new ChangeLine("FIXED", "127.0.76.2", 2525, "CONFIRMED_RELAY", "SECURED",
            "-2+3", HOSTILE_DETAIL);

    @Test
    void csvCellsCannotRunAsFormulasNorBreakTheLine() throws IOException {
        StringWriter out = new StringWriter();
        ChangesCsv csv = new ChangesCsv(out, 9, 8);
        csv.write(FIXED);
        csv.write(new ChangeLine("NEW_RELAY", "2001:db8::1", 25, "NO_ANSWER", "ACCEPTS_RELAY", null, "@SUM(A1)"));

        List<List<String>> rows = CsvReportTest.parse(out.toString());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("scan_id", "base_scan_id", "category", "address", "port",
                "verdict_before", "verdict_after", "detail_before", "detail_after");
        assertThat(rows.get(1)).containsExactly("9", "8", "FIXED", "127.0.76.2", "2525", "CONFIRMED_RELAY", "SECURED",
                "'-2+3", "'=HYPERLINK(\"http://x\"),\\r\\n<img src=x onerror=alert(1)>\\x1b[2J");
        assertThat(rows.get(2)).containsExactly("9", "8", "NEW_RELAY", "2001:db8::1", "25", "NO_ANSWER",
                "ACCEPTS_RELAY", "", "'@SUM(A1)");
    }

    @Test
    void csvCellsAreBounded() throws IOException {
        StringWriter out = new StringWriter();
        new ChangesCsv(out, 9, 8).write(new ChangeLine("OTHER_CHANGE", "127.0.76.3", 25, "SECURED", "REQUIRES_TLS",
                null, "x".repeat(100_000)));

        assertThat(out.toString().length()).isLessThan(3_000);
        assertThat(out.toString()).contains("…[truncated 98000 chars]");
    }

    @Test
    void htmlShowsCountsAndChangesWithHostileTextInert() throws IOException {
        Map<String, ChangesHtml.Counted> categories = new LinkedHashMap<>();
        categories.put("FIXED", new ChangesHtml.Counted("relayed before; answers now and does not relay", 1));
        categories.put("UNCHANGED", new ChangesHtml.Counted("the same verdict", 12_345));
        StringWriter out = new StringWriter();
        new ChangesHtml().write(out, 9, 8, "the previous completed scan of <b>schedule</b> 3", categories,
                List.of(FIXED), 2);
        String html = out.toString();

        assertThat(html).contains("Content-Security-Policy", "<h1>SmtpRC scan 9: changes since scan 8</h1>",
                "<td>FIXED</td><td class=\"count\">1</td>", "12,345", "127.0.76.2:2525",
                "&lt;img src=x onerror=alert(1)&gt;\\x1b[2J", "&lt;b&gt;schedule&lt;/b&gt; 3",
                "1 more changes are not shown here");
        assertThat(html).doesNotContain("<img", "<b>", "\u001b");
    }

    @Test
    void theScanReportCarriesTheChangesSectionBetweenCountsAndHosts() throws IOException {
        Map<String, ChangesHtml.Counted> categories = new LinkedHashMap<>();
        categories.put("FIXED", new ChangesHtml.Counted("relayed before; answers now and does not relay", 1));
        String section = new ChangesHtml().section(8, "the previous completed scan of the same targets",
                categories, List.of(FIXED), 1);
        StringWriter out = new StringWriter();
        new HtmlReport().write(out, ReportSamples.header(), List.of(section), List.of(ReportSamples.relay()));
        String html = out.toString();

        assertThat(section).startsWith("<h2>Changes since scan 8</h2>").doesNotContain("<img", "more changes");
        assertThat(html.indexOf("<h2>Verdicts</h2>")).isLessThan(html.indexOf("Changes since scan 8"));
        assertThat(html.indexOf("Changes since scan 8")).isLessThan(html.indexOf("<h2>Hosts</h2>"));
    }
}
