package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.scan.ScanReports;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

/** Last step: the scan is complete; its HTML report is written where the API serves it from. */
@Named
@Dependent
public class ReportWriter extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    Scans scans;

    @Inject
    ScanReports reports;

    @Override
    public String process() throws Exception {
        long id = JobScan.id(job);
        scans.finish(id, ScanStatus.COMPLETED, null);
        reports.writeHtmlFile(id);
        return "REPORTED";
    }
}
