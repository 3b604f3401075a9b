package org.smtprc.notices;

/** What became of a notice. */
public enum NoticeStatus {
    /** Handed to the outgoing mail server, which accepted it. */
    SENT,
    /** The scan ran in dry-run mode: recorded, not sent. */
    DRY_RUN,
    /** The operator holds this owner's notices: recorded, not sent. */
    HELD,
    /** The outgoing mail server could not be reached or refused it; the reason is recorded. Not retried. */
    FAILED
}
