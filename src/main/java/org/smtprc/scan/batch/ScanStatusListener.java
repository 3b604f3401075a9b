package org.smtprc.scan.batch;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.audit.Actor;
import org.smtprc.metrics.Meters;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.Scans;

import java.util.List;
import java.util.OptionalLong;

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

    @Inject
    JobScan jobScan;

    @Inject
    ScanService service;

    /**
     * Attaches this execution to its scan. A job started from the CLI with targets has no scan yet (its first step
     * creates it). A restart made elsewhere than through SmtpRC (WildFly's CLI {@code restart-job}) moves the scan
     * back to PROBING and is audited here; SmtpRC's own restarts name the execution they restart and do that
     * themselves.
     */
    @Override
    public void beforeJob() {
        meters.scanStarted();
        OptionalLong found = jobScan.find();
        if (found.isEmpty()) {
            return;
        }
        long id = found.getAsLong();
        scans.attachExecution(id, job.getExecutionId());
        List<Long> runs = jobScan.executionsOfThisInstance();
        int index = runs.indexOf(job.getExecutionId());
        if (index > 0) {
            long previous = runs.get(index - 1);
            if (!Long.toString(previous).equals(job.getProperties().getProperty(ScanService.RESTART_OF))) {
                service.restartedElsewhere(id, previous, job.getExecutionId(), Actor.MANAGEMENT);
            }
        }
    }

    @Override
    public void afterJob() {
        meters.scanEnded();
        OptionalLong found = jobScan.find();
        if (found.isEmpty()) {
            // A start from the CLI that was refused: no scan was created.
            return;
        }
        long id = found.getAsLong();
        BatchStatus status = job.getBatchStatus();
        Scan scan = scans.find(id);
        if (scan.getExecutionId() != null && scan.getExecutionId() != job.getExecutionId()) {
            // A restart has already taken over this scan: the old execution's end says nothing about it.
            return;
        }
        if (ScanService.BLOCKS_DISPATCHED.equals(job.getExitStatus())) {
            // In a cluster: the blocks run as jobs of their own, and the last one's node starts this job again.
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
