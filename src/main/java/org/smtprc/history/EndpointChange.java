package org.smtprc.history;

import java.time.Instant;

/**
 * One endpoint of a diff: what the base scan and the compared scan each say about it.
 */
public record EndpointChange(DiffCategory category, String address, int port, Side before, Side after) {

    /** What stands for a verdict when a scan covered the endpoint and recorded nothing: it did not answer. */
    public static final String NO_ANSWER = "NO_ANSWER";
    /** What stands for a verdict when a scan did not cover the endpoint (other targets or ports). */
    public static final String NOT_SCANNED = "NOT_SCANNED";

    /**
     * One scan's side of a change.
     *
     * @param verdict  a {@code Verdict} name, {@link #NO_ANSWER} or {@link #NOT_SCANNED}
     * @param label    the verdict in an administrator's words
     * @param detail   the scan's one-line detail (host-supplied text), or null
     * @param probedAt when it was probed, or null
     */
    public record Side(String verdict, String label, String detail, Instant probedAt) {

        static Side of(EndpointVerdict row, boolean covered) {
            if (row != null) {
                return new Side(row.verdict().name(), row.verdict().label(), row.detail(), row.probedAt());
            }
            return covered ? new Side(NO_ANSWER, "no answer: refused or unreachable (not recorded)", null, null)
                    : new Side(NOT_SCANNED, "not covered by this scan's targets and ports", null, null);
        }
    }
}
