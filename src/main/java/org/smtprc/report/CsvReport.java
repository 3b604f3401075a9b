package org.smtprc.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scan's results as CSV (RFC 4180, CRLF lines), one line per relay test; a host without tests (unreachable,
 * refused...) still gets one line so every host appears. Written host by host: memory does not grow with the scan.
 */
public final class CsvReport {

    private static final List<String> COLUMNS = List.of("scan_id", "endpoint", "verdict", "form", "outcome", "confirmed");
    private static final String LINE_END = "\r\n";

    private final ReportLimits limits;

    public CsvReport(ReportLimits limits) {
        this.limits = limits;
    }

    public CsvReport() {
        this(ReportLimits.defaults());
    }

    /** @param hosts already in report order (open relays first); iterated once */
    public void write(Writer out, ReportHeader header, Iterable<ReportHost> hosts) throws IOException {
        out.write(String.join(",", COLUMNS) + LINE_END);
        String scanId = Long.toString(header.scanId());
        for (ReportHost host : hosts) {
            if (host.tests().isEmpty()) {
                writeLine(out, scanId, host.endpoint(), host.verdictLabel(), "", "", "");
            }
            for (ReportTest test : host.tests()) {
                writeLine(out, scanId, host.endpoint(), host.verdictLabel(), test.form(), test.outcome(),
                        test.confirmed() ? "yes" : "no");
            }
        }
        out.flush();
    }

    private void writeLine(Writer out, String... hostileCells) throws IOException {
        out.write(line(limits, hostileCells));
    }

    /** One CSV line of hostile cells: each made one printable line, bounded, and safe from formula injection. */
    static String line(ReportLimits limits, String... hostileCells) {
        return Stream.of(hostileCells)
                .map(cell -> SafeText.csvCell(SafeText.bound(SafeText.printableLine(cell), limits.maxFieldChars())))
                .collect(Collectors.joining(",")) + LINE_END;
    }
}
