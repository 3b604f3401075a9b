package org.smtprc.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.confirmation.ConfirmationLedger;
import org.smtprc.confirmation.ConfirmationLedger.Judgement;
import org.smtprc.confirmation.GroupCommit;
import org.smtprc.receiver.ReceivedMail;

import java.util.Optional;

/**
 * The matching bean's deliveries, judged in shared transactions ({@link GroupCommit}): each delivery waits until
 * the transaction holding its mail has committed, so the message is acknowledged only after its proof is stored.
 */
@ApplicationScoped
public class LedgerBatches {

    @Inject
    ConfirmationLedger ledger;

    @Inject
    Settings settings;

    private GroupCommit<ReceivedMail, Judgement> batches;

    @PostConstruct
    void start() {
        batches = new GroupCommit<>(settings.inboundGroupCommit(), ledger::receiveAll);
    }

    /** Shared transactions run so far (committed or failed). */
    public long transactions() {
        return batches.counts().batches();
    }

    /** Mails those transactions held: divided by {@link #transactions()}, the mean batch. */
    public long mails() {
        return batches.counts().items();
    }

    /** The mail's judgement, committed; empty when its batch failed and the mail is to be judged alone. */
    public Optional<Judgement> judge(ReceivedMail mail) {
        try {
            return batches.submit(mail);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger's transaction; the mail is"
                    + " delivered again", interrupted);
        }
    }
}
