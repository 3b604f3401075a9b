package org.smtprc.scan.batch;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.smtprc.probe.HostOutcome;
import org.smtprc.probe.Probe;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.probe.ProbeSettings;
import org.smtprc.scan.Outcomes;
import org.smtprc.scan.ScanProbeSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts probes on the server's engine and collects their outcomes: the path from an endpoint to its outcome, shared
 * by the chunk (processor starts, writer collects) and the greylist retry. The wait for each probe lasts its turn
 * (its gates and a slot), then at most until its host's budget ends plus {@link Outcomes#GRACE}: a probe still
 * running by then is stopped and stored as inconclusive, "abandoned", so a writer never waits on a host for ever.
 * One per artifact: it keeps the scan's probe settings once read, so each execution (start, restart, crash resume)
 * and the greylist retry probe within the authorised networks as they are when it begins.
 */
@Dependent
class ScanProbes {

    @Inject
    ProbeEngine engine;

    @Inject
    ScanProbeSettings probeSettings;

    private ProbeSettings settings;

    PendingProbe start(long scanId, IndexedEndpoint endpoint) {
        if (settings == null) {
            settings = probeSettings.forScan(scanId);
        }
        return new PendingProbe(endpoint, engine.submit(endpoint.endpoint(), settings));
    }

    List<HostOutcome> finish(List<PendingProbe> pending) {
        List<HostOutcome> outcomes = new ArrayList<>(pending.size());
        for (PendingProbe probe : pending) {
            outcomes.add(await(probe.probe()));
        }
        return outcomes;
    }

    private static HostOutcome await(Probe probe) {
        try {
            return probe.await(Outcomes.GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return probe.abandon("the scan was stopped while this host was being probed");
        }
    }
}
