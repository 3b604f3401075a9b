package org.smtprc.history;

import org.smtprc.report.ChangeLine;
import org.smtprc.report.ChangesHtml;

import java.util.LinkedHashMap;
import java.util.Map;

/** A diff in the report's plain types, for its CSV and HTML. */
public final class DiffLines {

    private DiffLines() {
    }

    public static ChangeLine line(EndpointChange change) {
        return new ChangeLine(change.category().name(), change.address(), change.port(), change.before().verdict(),
                change.after().verdict(), change.before().detail(), change.after().detail());
    }

    /** Every category in order, with its meaning and count. */
    public static Map<String, ChangesHtml.Counted> categories(Map<DiffCategory, Long> counts) {
        Map<String, ChangesHtml.Counted> categories = new LinkedHashMap<>();
        for (DiffCategory category : DiffCategory.values()) {
            categories.put(category.name(), new ChangesHtml.Counted(category.meaning(),
                    counts.getOrDefault(category, 0L)));
        }
        return categories;
    }
}
