package org.smtprc.scan;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.config.Settings;

import java.util.logging.Logger;

/**
 * At startup, finds the scans whose job execution was cut off by a crash (the job repository still says it
 * runs, but no server runs it) and applies the documented policy: mark them INTERRUPTED so the operator can
 * restart them, or (smtprc.resume-interrupted=true) restart them at once from their checkpoints. In a cluster
 * (smtprc.cluster.enabled) only the scans whose execution was this node's.
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
        JobOperator operator = BatchRuntime.getJobOperator();
        for (Scan scan : scans.active()) {
            if (scan.getExecutionId() == null || runsElsewhere(scan)) {
                continue;
            }
            BatchStatus status = operator.getJobExecution(scan.getExecutionId()).getBatchStatus();
            if (status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING) {
                long id = scan.getId();
                scans.finish(id, ScanStatus.INTERRUPTED, "the server stopped while execution " + scan.getExecutionId()
                        + " was running; restart the scan to continue from its checkpoints");
                LOG.warning(() -> "scan " + id + " was interrupted by a server stop (execution "
                        + scan.getExecutionId() + " left " + status + ")");
                if (settings.resumeInterrupted()) {
                    service.restart(id, Actor.SERVER);
                    LOG.info(() -> "scan " + id + " restarted from its checkpoints (smtprc.resume-interrupted)");
                }
            }
        }
    }

    /**
     * In a cluster the job repository is shared: an execution recorded as running may run on another node, alive.
     * Each node recovers only the scans its own executions were running.
     */
    private boolean runsElsewhere(Scan scan) {
        return settings.clusterEnabled() && scan.getNode() != null && !scan.getNode().equals(settings.nodeName());
    }
}
