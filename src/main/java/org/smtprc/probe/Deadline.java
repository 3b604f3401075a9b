package org.smtprc.probe;

import java.time.Duration;

/** The end of a host's time budget; every wait in the conversation is cut to what is left of it. */
final class Deadline {

    private final long endNanos;

    Deadline(Duration budget) {
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /**
     * The socket timeout for a wait that would like {@code wanted}: no longer than what is left of the budget.
     *
     * @throws BudgetExhaustedException when nothing is left
     */
    int timeoutMillis(Duration wanted) throws BudgetExhaustedException {
        long remainingNanos = endNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new BudgetExhaustedException();
        }
        long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
        return (int) Math.min(Math.min(wanted.toMillis(), remainingMillis), Integer.MAX_VALUE);
    }
}
