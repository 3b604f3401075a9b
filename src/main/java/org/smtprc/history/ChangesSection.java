package org.smtprc.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.report.ChangesHtml;
import org.smtprc.scan.ReportSection;
import org.smtprc.scan.ScanStateException;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The section "Changes since scan N" of a completed scan's report, when the scan has a default base scan. */
@ApplicationScoped
public class ChangesSection implements ReportSection {

    /** The report lists this many changes; the API and the CSV list them all. */
    static final int CHANGES_SHOWN = 100;

    private static final Logger LOG = Logger.getLogger(ChangesSection.class.getName());

    @Inject
    ScanDiffs diffs;

    @Override
    public String html(long scanId) {
        try {
            ScanDiffs.Page page = diffs.page(scanId, null, null, 0, CHANGES_SHOWN);
            return new ChangesHtml().section(page.pair().base().getId(), page.pair().baseChosen(),
                    DiffLines.categories(page.counts()), page.changes().stream().map(DiffLines::line).toList(),
                    page.listedTotal());
        } catch (ScanStateException noBaseOrNotCompleted) {
            return "";
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "scan " + scanId + ": the report goes without its changes section", failed);
            return "";
        }
    }
}
