package org.smtprc.scan.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.probe.ProbeSettings;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.scan.ScanProbeSettings;

/**
 * Starts the relay tests of a host and returns at once: the probe runs on its own (virtual) thread, so a
 * batch thread never waits on one host; the writer collects the chunk's results.
 */
@Named
@Dependent
public class RelayProber implements ItemProcessor {

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    ScanProbeSettings probeSettings;

    @Inject
    ProbeEngine engine;

    private ProbeSettings settings;

    @Override
    public Object processItem(Object item) {
        if (settings == null) {
            settings = probeSettings.forScan(Long.parseLong(scanId));
        }
        IndexedEndpoint task = (IndexedEndpoint) item;
        return new PendingProbe(task, engine.submit(task.endpoint(), settings));
    }
}
