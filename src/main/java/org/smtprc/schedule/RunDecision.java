package org.smtprc.schedule;

import java.time.Instant;

/**
 * What one firing of a schedule's timer does. Runs never overlap: while a scan the schedule started is still active,
 * the run is skipped (and recorded). Runs missed while the server was down are made up by one catch-up run, never a
 * burst: the first firing after start-up that stands for a run due before start-up is the catch-up; any further such
 * firing (the timer service may deliver one per missed run) is dropped.
 *
 * @param catchUp whether this firing is the one catch-up for runs missed while the server was down
 */
public record RunDecision(Action action, boolean catchUp) {

    public enum Action {
        /** Start the schedule's scan. */
        RUN,
        /** Record a skipped run: the previous scan is still active. */
        SKIP_OVERLAP,
        /** Drop silently: a further run missed while the server was down, already made up by the catch-up. */
        DROP_MISSED,
        /** The schedule is gone or paused: its timer should not exist; cancel it. */
        CANCEL_TIMER
    }

    /**
     * @param scheduleExists whether the schedule is still stored
     * @param paused         whether it is paused
     * @param activeScanId   a scan of this schedule that is still active, or null
     * @param due            when the run this firing stands for was due (as last recorded), or null if unknown
     * @param serverStart    when this server (deployment) started
     * @param caughtUp       whether this schedule already had its catch-up since the server started
     */
    public static RunDecision of(boolean scheduleExists, boolean paused, Long activeScanId, Instant due,
                                 Instant serverStart, boolean caughtUp) {
        if (!scheduleExists || paused) {
            return new RunDecision(Action.CANCEL_TIMER, false);
        }
        boolean missed = due != null && due.isBefore(serverStart);
        if (missed && caughtUp) {
            return new RunDecision(Action.DROP_MISSED, false);
        }
        return new RunDecision(activeScanId == null ? Action.RUN : Action.SKIP_OVERLAP, missed);
    }
}
