package org.smtprc.scan.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smtprc.confirmation.ConfirmationLedger;
import org.smtprc.scan.Scan;
import org.smtprc.scan.Scans;

import java.time.Duration;
import java.time.Instant;

/**
 * Gives relayed probe mail time to come back: waits up to the scan's confirmation window, and ends early once
 * every accepted test is confirmed. Mail arriving later still updates the scan (the MDB applies it any time).
 */
@Named
@Dependent
public class ConfirmationWaiter extends AbstractBatchlet {

    private static final Duration POLL = Duration.ofMillis(500);

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Inject
    ConfirmationLedger ledger;

    private volatile boolean stopRequested;

    @Override
    public String process() throws InterruptedException {
        long id = jobScan.id();
        scans.probingEnded(id);
        Scan scan = scans.find(id);
        if (scan.getOptions().isRcptOnly()) {
            return "NOTHING_TO_CONFIRM";
        }
        Instant deadline = Instant.now().plusMillis(scan.getOptions().getConfirmationWindowMs());
        while (!stopRequested) {
            ledger.applyPending(id);
            if (scans.awaitedConfirmations(id) == 0) {
                return "ALL_CONFIRMED";
            }
            if (!Instant.now().isBefore(deadline)) {
                return "WINDOW_ENDED";
            }
            Thread.sleep(POLL.toMillis());
        }
        return "STOPPED";
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
