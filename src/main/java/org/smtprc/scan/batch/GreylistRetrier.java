package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.probe.HostOutcome;
import org.smtprc.confirmation.ConfirmationLedger;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.Scan;
import org.smtprc.scan.Scans;
import org.smtprc.addresses.Endpoint;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A greylisting server defers strangers with 4xx and accepts them when they come back later. A deferred test
 * is no pass: the hosts whose tests were deferred are probed once more, after the scan's greylist delay, and
 * that attempt's findings replace the first. Safe to run again after a restart: it only picks hosts still
 * inconclusive through deferral.
 */
@Named
@Dependent
public class GreylistRetrier extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(GreylistRetrier.class.getName());
    private static final int PAGE = 200;
    private static final Duration POLL = Duration.ofMillis(500);

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Inject
    ScanProbes probes;

    @Inject
    ConfirmationLedger ledger;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        long id = jobScan.id();
        Scan scan = scans.find(id);
        long delay = scan.getOptions().getGreylistRetryMs();
        if (delay == 0 || scans.greylisted(id, -1, 1).isEmpty()) {
            return "NONE_GREYLISTED";
        }
        Instant due = Instant.now().plusMillis(delay);
        while (Instant.now().isBefore(due)) {
            if (stopRequested) {
                return "STOPPED";
            }
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, Duration.between(Instant.now(), due).toMillis())));
        }
        int retried = 0;
        long after = -1;
        List<HostRecord> page;
        while (!stopRequested && !(page = scans.greylisted(id, after, PAGE)).isEmpty()) {
            List<PendingProbe> pending = new ArrayList<>(page.size());
            for (HostRecord host : page) {
                pending.add(probes.start(id, new IndexedEndpoint(host.getEndpointIndex(),
                        new Endpoint(InetAddress.getByName(host.getAddress()), host.getPort()))));
            }
            List<HostOutcome> outcomes = probes.finish(pending);
            for (int i = 0; i < page.size(); i++) {
                ledger.replaceProbe(page.get(i).getId(), outcomes.get(i));
                retried++;
            }
            after = page.getLast().getEndpointIndex();
        }
        int count = retried;
        LOG.info(() -> "scan " + id + ": probed " + count + " greylisting host(s) a second time");
        return "RETRIED";
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
