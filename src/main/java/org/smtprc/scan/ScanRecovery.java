package org.smtprc.scan;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.config.Settings;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * At startup, finds the scans whose job execution was cut off by a crash (the job repository still says it
 * runs, but no server runs it) and applies the documented policy: mark them INTERRUPTED so the operator can
 * restart them, or (smtprc.resume-interrupted=true) restart them at once from their checkpoints. In a cluster
 * (smtprc.cluster.enabled) only the scans whose job was this node's (see {@link #ownJob}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScanRecovery {

    private static final Logger LOG = Logger.getLogger(ScanRecovery.class.getName());

    @Inject
    Scans scans;

    @Inject
    ScanService service;

    @Inject
    Settings settings;

    @PostConstruct
    void recoverInterruptedScans() {
        for (Scan scan : scans.active()) {
            if (scan.getExecutionId() == null || !ownJob(scan)) {
                continue;
            }
            Optional<BatchStatus> status = statusOf(scan.getExecutionId());
            if (status.isEmpty() || status.get() == BatchStatus.STARTING || status.get() == BatchStatus.STARTED
                    || status.get() == BatchStatus.STOPPING) {
                long id = scan.getId();
                scans.finish(id, ScanStatus.INTERRUPTED, "the server stopped while execution " + scan.getExecutionId()
                        + " was running; restart the scan to continue from its checkpoints");
                LOG.warning(() -> "scan " + id + " was interrupted by a server stop (execution "
                        + scan.getExecutionId() + " left " + status.map(String::valueOf).orElse("unknown") + ")");
                if (settings.resumeInterrupted()) {
                    service.restart(id, Actor.SERVER);
                    LOG.info(() -> "scan " + id + " restarted from its checkpoints (smtprc.resume-interrupted)");
                }
            }
        }
    }

    /**
     * In a cluster each node recovers only the scans whose job was its own, and not the scans whose blocks run (or
     * stop) on the nodes: their job ended when it handed out the blocks, and the blocks of a dead node are taken over
     * by the live ones.
     */
    private boolean ownJob(Scan scan) {
        if (!settings.clusterEnabled()) {
            return true;
        }
        return settings.nodeName().equals(scan.getNode())
                && scans.blocks(scan.getId()).stream().allMatch(ScanBlock::isDone);
    }

    /** Nothing if the repository does not know the execution: a cluster node's own repository is in memory. */
    private static Optional<BatchStatus> statusOf(long executionId) {
        try {
            return Optional.of(BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus());
        } catch (NoSuchJobExecutionException gone) {
            return Optional.empty();
        }
    }
}
