package org.smtprc.scan;

/**
 * A section a later layer adds to a scan's HTML report (the changes since its base scan), found through CDI so
 * that the scan layer does not depend on it.
 */
public interface ReportSection {

    /**
     * @return safe HTML to put between the verdict counts and the hosts, or "" when there is nothing to say;
     *         never throws (a report is written whatever a section does)
     */
    String html(long scanId);
}
