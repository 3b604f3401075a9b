package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.probe.SourceAddress;
import jakarta.batch.runtime.BatchRuntime;
import org.smtprc.audit.Actor;
import org.smtprc.scan.BatterySource;
import org.smtprc.scan.JobParameterRequest;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.ScanTargets;
import org.smtprc.scan.ScopeService;
import org.smtprc.scan.ScanBlock;
import org.smtprc.scan.Scans;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.Block;
import org.smtprc.addresses.BlockPlan;
import org.smtprc.config.Settings;

import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * First step of a scan: check again, where the work happens, that every target is in scope and the battery
 * profile exists (a job started by other means than the API gets the same checks), then split the scan's
 * endpoints into blocks. On a restart the blocks already exist and keep their progress. In a cluster
 * (smtprc.cluster.enabled) its exit status sends the blocks to the nodes instead of this job's partitions, or, once
 * every block is done, on to the scan's last part (the job started again by the node that ran the last block). A job
 * started from WildFly's CLI with targets as parameters has no scan yet: this step creates it through the API's
 * checks, or fails the execution with the reason as its exit status, creating nothing.
 */
@Named
@Dependent
public class ScanPlanner extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ScanPlanner.class.getName());
    /** Exit status on a single server: this job's partitions probe the blocks (relay-scan.xml). */
    static final String PLANNED = "PLANNED";
    /** Exit status in a cluster: the blocks go to the nodes as jobs of their own (relay-scan.xml). */
    static final String PLANNED_FOR_CLUSTER = "PLANNED_FOR_CLUSTER";
    /** Exit status in a cluster when every block is done: the job goes on to the scan's last part (relay-scan.xml). */
    static final String BLOCKS_DONE = "BLOCKS_DONE";

    @Inject
    JobContext job;

    @Inject
    Scans scans;

    @Inject
    ScanTargets targets;

    @Inject
    BatterySource batteries;

    @Inject
    ScopeService scope;

    @Inject
    JobScan jobScan;

    @Inject
    ScanService service;

    @Inject
    Settings settings;

    @Override
    public String process() {
        long id = jobScan.find().orElseGet(this::createFromParameters);
        Scan scan = scans.find(id);
        AddressSpace space;
        try {
            space = targets.of(scan);
            scope.current().check(space);
            batteries.current().profile(scan.getProfile());
        } catch (IllegalArgumentException refused) {
            scans.finish(id, ScanStatus.FAILED, refused.getMessage());
            throw refused;
        }
        List<Block> plan = BlockPlan.plan(space.size(), scan.getOptions().getPartitions(), 1);
        if (settings.clusterEnabled()) {
            // each block runs on one node: no network split between two nodes, each keeping its politeness limit
            plan = BlockPlan.onNetworkBoundaries(plan, space::networkBoundaryAtOrAfter);
        }
        var blocks = scans.planBlocks(id, plan);
        if (settings.clusterEnabled() && blocks.stream().allMatch(ScanBlock::isDone)) {
            LOG.info(() -> "scan " + id + ": every address block is done; its last part runs on node "
                    + settings.nodeName());
            return BLOCKS_DONE;
        }
        scans.probingStarted(id, SourceAddress.towards(space.endpointAt(0).address()).orElse(null));
        LOG.info(() -> "scan " + id + ": " + space.size() + " endpoints in " + blocks.size() + " blocks");
        return settings.clusterEnabled() ? PLANNED_FOR_CLUSTER : PLANNED;
    }

    private long createFromParameters() {
        Properties parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        if (parameters == null || !JobParameterRequest.asksForScan(parameters)) {
            return jobScan.id();
        }
        try {
            Scan scan = service.adopt(parameters, job.getProperties(), job.getExecutionId(), Actor.MANAGEMENT);
            LOG.info(() -> "scan " + scan.getId() + " created from the parameters of job execution "
                    + job.getExecutionId() + " (started through WildFly's management interface)");
            return scan.getId();
        } catch (IllegalArgumentException refused) {
            String reason = "no scan created: " + refused.getMessage();
            job.setExitStatus(reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            LOG.warning(() -> "job execution " + job.getExecutionId() + ": " + reason);
            throw refused;
        }
    }
}
