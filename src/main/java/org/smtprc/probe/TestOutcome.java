package org.smtprc.probe;

/** How one relay test (one envelope form) ended. */
public enum TestOutcome {
    /**
     * RCPT got 2xx and the message got 250 after DATA; or RCPT got 2xx and no message was sent (RCPT-only mode, or
     * the host had already taken one: the transcript says which).
     */
    ACCEPTED,
    REJECTED_AT_MAIL,
    REJECTED_AT_RCPT,
    /** A 4xx reply (greylisting, overload): the test says nothing yet. */
    TEMPFAIL,
    REJECTED_AT_DATA,
    /** The conversation broke (connection lost, no reply, protocol error) before the test could be judged. */
    ERROR,
    /** The host's time budget or reconnect allowance ran out before this test. */
    NOT_RUN;

    public boolean rejected() {
        return this == REJECTED_AT_MAIL || this == REJECTED_AT_RCPT || this == REJECTED_AT_DATA;
    }
}
