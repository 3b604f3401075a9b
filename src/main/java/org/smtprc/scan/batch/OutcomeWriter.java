package org.smtprc.scan.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.probe.HostOutcome;
import org.smtprc.scan.Outcomes;
import org.smtprc.scan.Scans;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for the chunk's probes (each bounded by the host time budget) and persists their outcomes together
 * with the block's new position, in the chunk's transaction: what is committed is exactly what was probed.
 */
@Named
@Dependent
public class OutcomeWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    @BatchProperty
    String block;

    @Inject
    Scans scans;

    @Inject
    Outcomes outcomes;

    private Duration patience;

    @Override
    public void writeItems(List<Object> items) {
        long id = Long.parseLong(scanId);
        if (patience == null) {
            patience = Outcomes.patience(scans.find(id).getOptions());
        }
        List<Long> indices = new ArrayList<>(items.size());
        List<HostOutcome> reports = new ArrayList<>(items.size());
        for (Object item : items) {
            PendingProbe pending = (PendingProbe) item;
            indices.add(pending.task().index());
            reports.add(Outcomes.await(pending.task().endpoint(), pending.report(), patience));
        }
        outcomes.record(id, Integer.parseInt(block), indices, reports, indices.get(indices.size() - 1) + 1);
    }
}
