package org.smtprc.scan.batch;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
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
    JobContext job;

    @Inject
    ScanProbes probes;

    @Override
    public Object processItem(Object item) {
        return probes.start(JobScan.id(job), (IndexedEndpoint) item);
    }
}
