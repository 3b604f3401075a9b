package org.smtprc.scan.batch;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.metrics.Meters;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

/** Keeps the scan's status in step with its job execution when the job ends other than by completing. */
@Named
@Dependent
public class ScanStatusListener extends AbstractJobListener {


    @Inject
    JobContext job;

    @Inject
    Scans scans;

    @Inject
    Meters meters;

    @Override
    public void beforeJob() {
        scans.attachExecution(JobScan.id(job), job.getExecutionId());
        meters.scanStarted();
    }

    @Override
    public void afterJob() {
        meters.scanEnded();
        long id = JobScan.id(job);
        BatchStatus status = job.getBatchStatus();
        Scan scan = scans.find(id);
        if (scan.getExecutionId() != null && scan.getExecutionId() != job.getExecutionId()) {
            // A restart has already taken over this scan: the old execution's end says nothing about it.
            return;
        }
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            scans.finish(id, ScanStatus.STOPPED, "stopped by the operator: restart the scan to continue where it stopped");
        } else if (status == BatchStatus.FAILED && scan.getStatus().isActive()) {
            scans.finish(id, ScanStatus.FAILED, "job execution " + job.getExecutionId()
                    + " failed (exit status " + job.getExitStatus() + "): see the server log, then restart the scan");
        }
    }
}
