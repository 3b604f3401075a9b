package org.smtprc.schedule;

import org.smtprc.scan.ScanRequest;

/** What an operator asks for: a name, when to run (a calendar expression) and the scan each run starts. */
public record ScheduleRequest(String name, CalendarExpression when, ScanRequest scan) {
}
