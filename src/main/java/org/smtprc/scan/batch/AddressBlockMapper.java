package org.smtprc.scan.batch;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.config.Settings;
import org.smtprc.scan.ScanBlock;
import org.smtprc.scan.Scans;

import java.util.List;
import java.util.Properties;

/** One partition per stored block: the same plan on every execution, so a restart resumes the same blocks. */
@Named
@Dependent
public class AddressBlockMapper implements PartitionMapper {

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Inject
    Settings settings;

    @Override
    public PartitionPlan mapPartitions() {
        List<ScanBlock> blocks = scans.blocks(jobScan.id());
        Properties[] properties = new Properties[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            properties[i] = new Properties();
            properties[i].setProperty("block", Integer.toString(blocks.get(i).getNumber()));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(blocks.size());
        plan.setThreads(Math.max(1, Math.min(blocks.size(), settings.parallelPartitions())));
        plan.setPartitionProperties(properties);
        return plan;
    }
}
