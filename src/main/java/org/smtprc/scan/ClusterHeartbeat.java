package org.smtprc.scan;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.config.Settings;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In a cluster (smtprc.cluster.enabled): renews this node's lease every third of it, and takes over the address blocks
 * of a node whose lease ran out (it died), the blocks a node released (their job ended unfinished: it failed, or its
 * server stopped or redeployed), and the blocks no node took within a lease of being handed out (their message was
 * lost), each run again as a {@code relay-block} job here from the block's last committed position, as a restart
 * resumes a partition. A scan whose own job (its planning, or its last part) ran on a dead node is made INTERRUPTED
 * here, as that node's recovery would have made it. At its start the node runs again its own blocks that its last run
 * left unfinished (it died before its lease ran out): a block never runs on two live nodes, and a node that comes back
 * does not run the blocks others took over.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterHeartbeat {

    private static final Logger LOG = Logger.getLogger(ClusterHeartbeat.class.getName());

    @Inject
    Settings settings;

    @Inject
    NodeLeases leases;

    @Inject
    ScanService service;

    @Inject
    Scans scans;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        if (!settings.clusterEnabled()) {
            return;
        }
        leases.renew();
        for (ScanBlock block : leases.ownLeft()) {
            run(block, "its node " + settings.nodeName() + " stopped while running it");
        }
        Duration beat = settings.clusterLease().dividedBy(3);
        timers.createIntervalTimer(beat.toMillis(), beat.toMillis(), new TimerConfig("SmtpRC node lease", false));
    }

    @Timeout
    void beat() {
        try {
            leases.renew();
            for (long stopping : scans.stopping()) {
                // a stop asked while a node that held blocks died: its lease ran out, no block job will end there
                scans.concludeStop(stopping);
            }
            for (Scan scan : leases.abandoned()) {
                if (leases.interruptAbandoned(scan)) {
                    LOG.warning(() -> "scan " + scan.getId() + " was interrupted: node " + scan.getNode()
                            + ", which ran its job, stopped answering; node " + settings.nodeName() + " took it over");
                    if (settings.resumeInterrupted()) {
                        service.restart(scan.getId(), Actor.SERVER);
                    }
                }
            }
            for (ScanBlock block : leases.orphaned()) {
                String had = block.getNode();
                if (leases.takeOver(block)) {
                    run(block, had != null ? "the lease of node " + had + " ran out"
                            : block.getRuns() > 0 ? "its last run ended unfinished and its node released it"
                            : "it was handed out at " + block.getHandedOutAt() + " and no node took it");
                }
            }
        } catch (RuntimeException failed) {
            // The next beat tries again; a node that cannot reach the database loses its lease like a dead one.
            LOG.log(Level.WARNING, "node " + settings.nodeName() + " could not renew its lease or take over blocks",
                    failed);
        }
    }

    private void run(ScanBlock block, String why) {
        long execution = service.startBlock(block.getScanId(), block.getNumber());
        LOG.warning(() -> "block " + block.getNumber() + " of scan " + block.getScanId() + " is taken over: it runs on"
                + " node " + settings.nodeName() + " from endpoint " + block.getNextIndex() + " (" + why + "), as job"
                + " execution " + execution);
    }
}
