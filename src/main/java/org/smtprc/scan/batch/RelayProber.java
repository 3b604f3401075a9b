package org.smtprc.scan.batch;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Starts the relay tests of a host and returns at once: the probe runs on its own (virtual) thread, so a
 * batch thread never waits on one host; the writer collects the chunk's results.
 */
@Named
@Dependent
public class RelayProber implements ItemProcessor {

    @Inject
    JobScan jobScan;

    @Inject
    ScanProbes probes;

    @Override
    public Object processItem(Object item) {
        return probes.start(jobScan.id(), (IndexedEndpoint) item);
    }
}
