package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.probe.SourceAddress;
import org.smtprc.scan.BatterySource;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.ScanTargets;
import org.smtprc.scan.ScopeService;
import org.smtprc.scan.Scans;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.BlockPlan;

import java.util.logging.Logger;

/**
 * First step of a scan: check again, where the work happens, that every target is in scope and the battery
 * profile exists (a job started by other means than the API gets the same checks), then split the scan's
 * endpoints into blocks. On a restart the blocks already exist and keep their progress.
 */
@Named
@Dependent
public class ScanPlanner extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ScanPlanner.class.getName());

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

    @Override
    public String process() {
        long id = JobScan.id(job);
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
        var blocks = scans.planBlocks(id, BlockPlan.plan(space.size(), scan.getOptions().getPartitions(), 1));
        scans.probingStarted(id, SourceAddress.towards(space.endpointAt(0).address()).orElse(null));
        LOG.info(() -> "scan " + id + ": " + space.size() + " endpoints in " + blocks.size() + " blocks");
        return "PLANNED";
    }
}
