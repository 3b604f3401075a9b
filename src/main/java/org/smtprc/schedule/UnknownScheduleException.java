package org.smtprc.schedule;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class UnknownScheduleException extends RuntimeException {
    public UnknownScheduleException(long scheduleId) {
        super("there is no schedule " + scheduleId + ": list the schedules with GET /api/schedules");
    }
}
