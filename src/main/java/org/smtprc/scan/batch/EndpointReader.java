package org.smtprc.scan.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.scan.ScanBlock;
import org.smtprc.scan.ScanTargets;
import org.smtprc.scan.Scans;
import org.smtprc.addresses.AddressSpace;

import java.io.Serializable;

/**
 * Yields the endpoints of one block in order. The checkpoint is the next index; the block's own committed
 * position wins when it is further on (it is written with the outcomes, so it is never ahead of them).
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

    private AddressSpace space;
    private long next;
    private long end;

    @Override
    public void open(Serializable checkpoint) {
        long id = jobScan.id();
        ScanBlock stored = scans.openBlock(id, Integer.parseInt(block));
        space = targets.of(scans.find(id));
        end = stored.getEnd();
        next = Math.max(stored.getNextIndex(), checkpoint == null ? stored.getStart() : (Long) checkpoint);
    }

    @Override
    public Object readItem() {
        if (next >= end) {
            return null;
        }
        IndexedEndpoint task = new IndexedEndpoint(next, space.endpointAt(next));
        next++;
        return task;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
