package org.smtprc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    private static String render(List<ReportHost> hosts) throws IOException {
        StringWriter out = new StringWriter();
        new CsvReport().write(out, ReportSamples.header(), hosts);
        return out.toString();
    }

    @Test
    void oneLinePerTestAndOnePerHostWithoutTests() throws IOException {
        String csv = render(List.of(ReportSamples.relay(), ReportSamples.secured("127.0.1.2:25"), ReportSamples.unreachable()));

        assertThat(csv).isEqualTo("""
                scan_id,endpoint,verdict,form,outcome,confirmed\r
                42,127.0.1.1:25,confirmed open relay,percent-hack,accepted,yes\r
                42,127.0.1.2:25,secured,plain,rejected at RCPT,no\r
                42,127.0.1.9:25,unreachable,,,\r
                """);
    }

    @Test
    void hostileCellsAreInertAndBounded() throws IOException {
        String csv = render(List.of(ReportSamples.hostile()));
        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(2);
        List<String> row = rows.get(1);
        assertThat(row).containsExactly("42", "127.0.6.6:25", SafeText.bound(ReportSamples.SCRIPT, 2_000), "'" + ReportSamples.FORMULA,
                "nul\\x00byte", "no");
        for (List<String> cells : rows) {
            for (String cell : cells) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
        assertThat(csv.chars().filter(c -> c < 0x20 && c != '\r' && c != '\n').count()).isZero();
    }

    @Test
    void quotesLineBreaksAndLongCells() throws IOException {
        ReportHost host = new ReportHost("127.0.1.5:25", "accepts relay, \"maybe\"", true, null, null, false, null,
                List.of(new ReportTest("line\r\nbreak", null, null, "-" + "B".repeat(1 << 20), null, false, null)), null);
        String csv = render(List.of(host));
        List<List<String>> rows = parse(csv);

        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(rows.get(1).get(2)).isEqualTo("accepts relay, \"maybe\"");
        assertThat(rows.get(1).get(3)).isEqualTo("line\\r\\nbreak");
        assertThat(rows.get(1).get(4)).startsWith("'-BBB").contains("…[truncated ").hasSizeLessThan(2_100);
    }

    /** A strict RFC 4180 reader, so the test checks what a spreadsheet would see. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare quote or line break outside quotes at %d", i).isNotIn('"', '\r', '\n');
                cell.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(cell).as("last line ends with CRLF").isEmpty();
        return rows;
    }
}
