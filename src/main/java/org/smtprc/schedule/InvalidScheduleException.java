package org.smtprc.schedule;

import jakarta.ejb.ApplicationException;

/** A schedule that cannot be stored as given; the message names the field and what is accepted. Nothing is kept. */
@ApplicationException(rollback = true)
public class InvalidScheduleException extends IllegalArgumentException {
    public InvalidScheduleException(String message) {
        super(message);
    }
}
