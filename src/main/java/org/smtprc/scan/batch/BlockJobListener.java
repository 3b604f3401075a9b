package org.smtprc.scan.batch;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.config.Settings;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.util.logging.Logger;

/**
 * A block's own job in a cluster (relay-block.xml): records the node and the execution on the block, and when the
 * block completes, asks the database whether it was the scan's last; the one node told so continues the scan's job
 * (greylist retry, confirmations, report). A block whose job ends unfinished is released (any live node takes it over;
 * after a stop, the last block to end makes the scan STOPPED),
 * unless another node has taken it over meanwhile (this node seemed dead); a failed one also fails the scan, as a
 * failed partition does on one server.
 */
@Named
@Dependent
public class BlockJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(BlockJobListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Inject
    ScanService service;

    @Inject
    Settings settings;

    @Override
    public void beforeJob() {
        scans.blockRunBy(jobScan.id(), block(), job.getExecutionId());
    }

    @Override
    public void afterJob() {
        long id = jobScan.id();
        BatchStatus status = job.getBatchStatus();
        if (status == BatchStatus.COMPLETED && scans.blockDone(id, block())) {
            if (scans.concludeBlocks(id)) {
                LOG.info(() -> "scan " + id + ": block " + block() + " was the last; the scan continues on node "
                        + settings.nodeName());
                service.continueAfterBlocks(id);
            }
        } else if (status == BatchStatus.COMPLETED) {
            // its reader ended it early: the scan is stopping (EndpointReader)
            scans.releaseBlock(id, block());
            if (scans.concludeStop(id)) {
                LOG.info(() -> "scan " + id + " stopped: block " + block() + " was the last one running");
            }
        } else if (!scans.releaseBlock(id, block())) {
            LOG.warning(() -> "block " + block() + " of scan " + id + " is another node's now: this run of it ended");
        } else if (status == BatchStatus.FAILED && scans.find(id).getStatus().isActive()) {
            scans.finish(id, ScanStatus.FAILED, "address block " + block() + " failed on node " + settings.nodeName()
                    + " (job execution " + job.getExecutionId() + ", exit status " + job.getExitStatus()
                    + "): see that node's server log, then restart the scan");
        } else {
            LOG.info(() -> "block " + block() + " of scan " + id + " ended " + status + " on node "
                    + settings.nodeName() + " (its server stops or redeploys): released, a live node takes it over");
        }
    }

    private int block() {
        return Integer.parseInt(job.getProperties().getProperty(AddressBlockConsumer.BLOCK));
    }
}
