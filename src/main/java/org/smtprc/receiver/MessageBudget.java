package org.smtprc.receiver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The message bytes all sessions may hold in memory at once. A session reserves as its message grows and gives
 * back when the message is handed on or dropped; a reservation that would pass the budget fails, and that
 * session's client is told to try again later, while the others carry on.
 */
final class MessageBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    MessageBudget(long limit) {
        this.limit = limit;
    }

    boolean tryReserve(long bytes) {
        long before;
        do {
            before = held.get();
            if (before + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(before, before + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    long available() {
        return Math.max(0, limit - held.get());
    }
}
