package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.scan.ScanCompleted;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last step: the scan is complete, and whoever waits for complete scans (notices, re-checks, schedules) hears of
 * it. Its reports need no writing: the API makes them from the database when asked, so late proof shows in them.
 */
@Named
@Dependent
public class ReportWriter extends AbstractBatchlet {

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Inject
    Event<ScanCompleted> completed;

    private static final Logger LOG = Logger.getLogger(ReportWriter.class.getName());

    @Override
    public String process() throws Exception {
        long id = jobScan.id();
        scans.finish(id, ScanStatus.COMPLETED, null);
        try {
            completed.fire(new ScanCompleted(id));
        } catch (RuntimeException observerFailed) {
            // The scan is complete whatever an observer did; its failure is for the log, not the job's status.
            LOG.log(Level.WARNING, "scan " + id + " completed, but a follow-up failed", observerFailed);
        }
        return "REPORTED";
    }
}
