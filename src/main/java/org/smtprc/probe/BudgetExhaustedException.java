package org.smtprc.probe;

import java.net.SocketTimeoutException;

/**
 * The host's time budget ran out, or the probe was stopped ({@link Deadline#exhausted()}): the end of the whole
 * conversation rather than of one reply.
 */
final class BudgetExhaustedException extends SocketTimeoutException {

    BudgetExhaustedException(String message) {
        super(message);
    }
}
