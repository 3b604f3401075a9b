package org.smtprc.probe;

import java.net.SocketTimeoutException;

/** The host's time budget ran out; a timeout of the whole conversation rather than of one reply. */
final class BudgetExhaustedException extends SocketTimeoutException {

    BudgetExhaustedException() {
        super("host time budget used up");
    }
}
