package org.smtprc.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A diff as one self-contained HTML page: counts per category with their meaning, then the changed endpoints. */
public final class ChangesHtml {

    private final ReportLimits limits = ReportLimits.defaults();

    /**
     * @param categories  per category name: its meaning and how many endpoints fell into it, in the order shown
     * @param changes     the changes shown (at most a page of them)
     * @param listedTotal how many changes the diff has in all
     */
    public void write(Writer out, long scanId, long baseScanId, String baseChosen, Map<String, Counted> categories,
                      List<ChangeLine> changes, long listedTotal) throws IOException {
        out.write(HtmlReport.head("SmtpRC scan " + scanId + ": changes since scan " + baseScanId));
        out.write("<h1>SmtpRC scan " + scanId + ": changes since scan " + baseScanId + "</h1>\n");
        out.write("<p>Base scan " + baseScanId + ": " + line(baseChosen) + ".</p>\n");
        out.write("<table class=\"counts\">\n<tr><th>Category</th><th>Endpoints</th><th>Meaning</th></tr>\n");
        for (Map.Entry<String, Counted> category : categories.entrySet()) {
            out.write("<tr><td>" + line(category.getKey()) + "</td><td class=\"count\">"
                    + grouped(category.getValue().endpoints()) + "</td><td>" + line(category.getValue().meaning())
                    + "</td></tr>\n");
        }
        out.write("</table>\n<h2>Changed endpoints</h2>\n");
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
                    + " (diff.csv) lists all of them.</p>\n");
        }
        out.write("</body>\n</html>\n");
        out.flush();
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
