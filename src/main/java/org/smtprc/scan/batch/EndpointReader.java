package org.smtprc.scan.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.config.Settings;
import org.smtprc.scan.ScanBlock;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.ScanTargets;
import org.smtprc.scan.Scans;
import org.smtprc.addresses.AddressSpace;

import java.io.Serializable;

/**
 * Yields the endpoints of one block in order. The checkpoint is the next index; the block's own committed
 * position wins when it is further on (it is written with the outcomes, so it is never ahead of them). In a cluster a
 * block runs as a job of its own on some node, and a stop reaches it through the scan's status, read at most once a
 * second: the block then ends after the chunk in flight, at a committed position a restart resumes.
 */
@Named
@Dependent
public class EndpointReader extends AbstractItemReader {

    @Inject
    JobScan jobScan;

    @Inject
    @BatchProperty
    String block;

    @Inject
    Scans scans;

    @Inject
    ScanTargets targets;

    @Inject
    Settings settings;

    private AddressSpace space;
    private long next;
    private long end;
    private long nextStatusCheck;
    private boolean stopping;

    @Override
    public void open(Serializable checkpoint) {
        long id = jobScan.id();
        ScanBlock stored = scans.openBlock(id, Integer.parseInt(block));
        space = targets.of(scans.find(id));
        end = stored.getEnd();
        next = Math.max(stored.getNextIndex(), checkpoint == null ? stored.getStart() : (Long) checkpoint);
        nextStatusCheck = System.nanoTime();
    }

    @Override
    public Object readItem() {
        if (next >= end || stopAsked()) {
            return null;
        }
        IndexedEndpoint task = new IndexedEndpoint(next, space.endpointAt(next));
        next++;
        return task;
    }

    private boolean stopAsked() {
        if (!settings.clusterEnabled()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - nextStatusCheck >= 0) {
            nextStatusCheck = now + 1_000_000_000L;
            stopping = scans.status(jobScan.id()).orElse(ScanStatus.STOPPING) == ScanStatus.STOPPING;
        }
        return stopping;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
