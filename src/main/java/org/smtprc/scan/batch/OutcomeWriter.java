package org.smtprc.scan.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.metrics.Meters;
import org.smtprc.probe.HostOutcome;
import org.smtprc.scan.Outcomes;

import java.util.ArrayList;
import java.util.List;

/**
 * Waits for the chunk's probes (each abandoned at its host's deadline plus a grace, see {@link ScanProbes}) and
 * persists their outcomes together with the block's new position, in the chunk's transaction: what is committed is
 * exactly what was probed.
 */
@Named
@Dependent
public class OutcomeWriter extends AbstractItemWriter {

    @Inject
    JobScan jobScan;

    @Inject
    @BatchProperty
    String block;

    @Inject
    ScanProbes probes;

    @Inject
    Outcomes outcomes;

    @Inject
    Meters meters;

    @Override
    public void writeItems(List<Object> items) {
        long scanId = jobScan.id();
        List<PendingProbe> pending = new ArrayList<>(items.size());
        List<Long> indices = new ArrayList<>(items.size());
        for (Object item : items) {
            PendingProbe probe = (PendingProbe) item;
            pending.add(probe);
            indices.add(probe.endpoint().index());
        }
        List<HostOutcome> finished = probes.finish(pending);
        outcomes.record(scanId, Integer.parseInt(block), indices, finished, indices.getLast() + 1);
        meters.probed(finished);
    }
}
