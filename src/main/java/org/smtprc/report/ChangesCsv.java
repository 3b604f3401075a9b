package org.smtprc.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A diff's changes as CSV (RFC 4180, CRLF lines), one line per changed endpoint, written as the diff is merged: memory
 * does not grow with the number of changes. Cells are made safe as in {@link CsvReport}.
 */
public final class ChangesCsv {

    private static final List<String> COLUMNS = List.of("scan_id", "base_scan_id", "category", "address", "port",
            "verdict_before", "verdict_after", "detail_before", "detail_after");

    private final Writer out;
    private final ReportLimits limits;
    private final String scanId;
    private final String baseScanId;

    /** Writes the column names at once. */
    public ChangesCsv(Writer out, long scanId, long baseScanId) throws IOException {
        this.out = out;
        this.limits = ReportLimits.defaults();
        this.scanId = Long.toString(scanId);
        this.baseScanId = Long.toString(baseScanId);
        out.write(String.join(",", COLUMNS) + "\r\n");
    }

    public void write(ChangeLine change) throws IOException {
        out.write(CsvReport.line(limits, scanId, baseScanId, change.category(), change.address(),
                Integer.toString(change.port()), change.before(), change.after(), change.detailBefore(),
                change.detailAfter()));
    }
}
