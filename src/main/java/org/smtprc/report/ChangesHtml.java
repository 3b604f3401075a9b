package org.smtprc.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diff in HTML: counts per category with their meaning, then the changed endpoints; as a page of its own, or as
 * a section of a scan's report.
 */
public final class ChangesHtml {

    private final ReportLimits limits = ReportLimits.defaults();

    /**
     * A page of its own.
     *
     * @param categories  per category name: its meaning and how many endpoints fell into it, in the order shown
     * @param changes     the changes shown (at most a page of them)
     * @param listedTotal how many changes the diff has in all
     */
    public void write(Writer out, long scanId, long baseScanId, String baseChosen, Map<String, Counted> categories,
                      List<ChangeLine> changes, long listedTotal) throws IOException {
        String title = "SmtpRC scan " + scanId + ": changes since scan " + baseScanId;
        out.write(HtmlReport.head(title));
        out.write("<h1>" + title + "</h1>\n");
        writeBody(out, baseScanId, baseChosen, categories, changes, listedTotal);
        out.write("</body>\n</html>\n");
        out.flush();
    }

    /** The same as a section of the scan's report (safe HTML), headed "Changes since scan N". */
    public String section(long baseScanId, String baseChosen, Map<String, Counted> categories,
                          List<ChangeLine> changes, long listedTotal) {
        StringWriter out = new StringWriter();
        try {
            out.write("<h2>Changes since scan " + baseScanId + "</h2>\n");
            writeBody(out, baseScanId, baseChosen, categories, changes, listedTotal);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private void writeBody(Writer out, long baseScanId, String baseChosen, Map<String, Counted> categories,
                           List<ChangeLine> changes, long listedTotal) throws IOException {
        out.write("<p>Base scan " + baseScanId + ": " + line(baseChosen) + ".</p>\n");
        out.write("<table class=\"counts\">\n<tr><th>Category</th><th>Endpoints</th><th>Meaning</th></tr>\n");
        for (Map.Entry<String, Counted> category : categories.entrySet()) {
            out.write("<tr><td>" + line(category.getKey()) + "</td><td class=\"count\">"
                    + grouped(category.getValue().endpoints()) + "</td><td>" + line(category.getValue().meaning())
                    + "</td></tr>\n");
        }
        out.write("</table>\n");
        if (changes.isEmpty()) {
            out.write("<p>No endpoint changed.</p>\n");
        } else {
            out.write("<table class=\"changes\">\n<tr><th>Category</th><th>Endpoint</th><th>Before</th><th>After</th>"
                    + "<th>Detail now</th></tr>\n");
            for (ChangeLine change : changes) {
                String cells = String.join("</td><td>", line(change.category()),
                        line(change.address()) + ":" + change.port(), line(change.before()), line(change.after()),
                        line(change.detailAfter()));
                out.write("<tr><td>" + cells + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        if (listedTotal > changes.size()) {
            out.write("<p>" + grouped(listedTotal - changes.size()) + " more changes are not shown here: the CSV"
                    + " (GET /api/scans/{id}/diff.csv) lists all of them.</p>\n");
        }
    }

    /** A category's meaning and how many endpoints fell into it. */
    public record Counted(String meaning, long endpoints) {
    }

    private String line(String hostile) {
        return SafeText.html(SafeText.bound(SafeText.printableLine(hostile), limits.maxFieldChars()));
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
