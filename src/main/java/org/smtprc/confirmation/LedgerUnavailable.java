package org.smtprc.confirmation;

/**
 * The ledger cannot judge mail right now (its token key cannot be read): an outage, not the mail's fault, so the
 * mail is delivered again rather than quarantined (see {@link JudgingFailure}).
 */
public class LedgerUnavailable extends RuntimeException {

    public LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
