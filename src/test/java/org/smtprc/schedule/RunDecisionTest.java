package org.smtprc.schedule;

import org.junit.jupiter.api.Test;
import org.smtprc.schedule.RunDecision.Action;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunDecisionTest {

    private static final Instant START = Instant.parse("2026-12-07T01:00:00Z");
    private static final Instant DUE_WHILE_UP = START.plusSeconds(3600);
    private static final Instant DUE_WHILE_DOWN = START.minusSeconds(3600);

    @Test
    void aRunDueWhileTheServerWasUpStartsItsScan() {
        assertThat(RunDecision.of(true, false, null, DUE_WHILE_UP, START, false))
                .isEqualTo(new RunDecision(Action.RUN, false));
    }

    @Test
    void aRunIsSkippedWhileTheSchedulesPreviousScanIsStillActive() {
        assertThat(RunDecision.of(true, false, 41L, DUE_WHILE_UP, START, false))
                .isEqualTo(new RunDecision(Action.SKIP_OVERLAP, false));
    }

    @Test
    void theFirstRunMissedWhileTheServerWasDownIsTheOneCatchUp() {
        assertThat(RunDecision.of(true, false, null, DUE_WHILE_DOWN, START, false))
                .isEqualTo(new RunDecision(Action.RUN, true));
    }

    @Test
    void furtherMissedRunsAreDroppedNotMadeUpOneByOne() {
        assertThat(RunDecision.of(true, false, null, DUE_WHILE_DOWN.plusSeconds(5), START, true))
                .isEqualTo(new RunDecision(Action.DROP_MISSED, false));
    }

    @Test
    void theCatchUpStillNeverOverlapsAnActiveScan() {
        assertThat(RunDecision.of(true, false, 41L, DUE_WHILE_DOWN, START, false))
                .isEqualTo(new RunDecision(Action.SKIP_OVERLAP, true));
    }

    @Test
    void afterTheCatchUpRunsDueWhileUpRunAsUsual() {
        assertThat(RunDecision.of(true, false, null, DUE_WHILE_UP, START, true))
                .isEqualTo(new RunDecision(Action.RUN, false));
    }

    @Test
    void anUnknownDueTimeIsNoCatchUp() {
        assertThat(RunDecision.of(true, false, null, null, START, false))
                .isEqualTo(new RunDecision(Action.RUN, false));
    }

    @Test
    void theTimerOfAPausedOrDeletedScheduleIsCancelledWithoutARun() {
        assertThat(RunDecision.of(true, true, null, DUE_WHILE_UP, START, false).action()).isEqualTo(Action.CANCEL_TIMER);
        assertThat(RunDecision.of(false, false, null, DUE_WHILE_DOWN, START, false).action())
                .isEqualTo(Action.CANCEL_TIMER);
    }
}
