package org.smtprc.scan.batch;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.probe.ProbeSettings;
import org.smtprc.scan.Outcomes;
import org.smtprc.scan.ScanProbeSettings;
import org.smtprc.scan.Scans;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts probes on the server's engine and collects their outcomes, each bounded by the host time budget: the
 * path from an endpoint to its outcome, shared by the chunk (processor starts, writer collects) and the greylist
 * retry. One per artifact: it keeps the scan's probe settings once read, so each execution (start, restart, crash
 * resume) and the greylist retry probe within the authorised networks as they are when it begins.
 */
@Dependent
class ScanProbes {

    @Inject
    ProbeEngine engine;

    @Inject
    ScanProbeSettings probeSettings;

    @Inject
    Scans scans;

    private ProbeSettings settings;
    private Duration patience;

    PendingProbe start(long scanId, IndexedEndpoint endpoint) {
        if (settings == null) {
            settings = probeSettings.forScan(scanId);
        }
        return new PendingProbe(endpoint, engine.submit(endpoint.endpoint(), settings));
    }

    List<HostOutcome> finish(long scanId, List<PendingProbe> pending) {
        if (patience == null) {
            patience = Outcomes.patience(scans.find(scanId).getOptions());
        }
        List<HostOutcome> outcomes = new ArrayList<>(pending.size());
        for (PendingProbe probe : pending) {
            outcomes.add(Outcomes.await(probe.endpoint().endpoint(), probe.outcome(), patience));
        }
        return outcomes;
    }
}
