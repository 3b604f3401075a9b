package org.smtprc.confirmation;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows when judging a relayed mail failed.
 *
 * <ul>
 *   <li>An <em>outage</em>, a failure of what the ledger stands on (the database, the transaction manager, the
 *       broker, the token key; see {@link LedgerUnavailable}), rolls back and the broker delivers the mail again,
 *       up to five times, then to the {@code DLQ}: the mail is fine and will prove its relay once the server is.
 *       A lost race on the unique proof row is one too: the next delivery finds the proof kept.</li>
 *   <li>Anything else is the mail's doing (hostile or broken bytes, a MAIL FROM the database will not store) or
 *       a fault of ours that the same bytes meet every time: another delivery changes nothing, so the mail goes
 *       to the quarantine with the reason, where an operator sees it, instead of silently into the DLQ.</li>
 * </ul>
 * A database <em>data exception</em> (SQLSTATE class 22: a value too long, a character the column refuses) is
 * the mail's, however deep in the database's answer it sits.
 */
public final class JudgingFailure {

    private static final int SUMMARY_LIMIT = 400;
    private static final int MAX_CAUSES = 32;

    private JudgingFailure() {
    }

    public static boolean isOutage(Throwable failure) {
        if (isDataException(failure)) {
            return false;
        }
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException || cause instanceof PersistenceException
                    || cause instanceof RollbackException || cause instanceof SystemException
                    || cause instanceof HeuristicMixedException || cause instanceof HeuristicRollbackException
                    || cause instanceof JMSException || cause instanceof JMSRuntimeException
                    || cause instanceof LedgerUnavailable) {
                return true;
            }
        }
        return false;
    }

    /** The database refused a value itself (SQLSTATE class 22), not the connection or a concurrent write. */
    static boolean isDataException(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a delivery of inbound mail failed, in an operator's words: the ledger's own explanation of an outage
     * ({@link LedgerUnavailable}), else the {@link #summary}.
     */
    public static String reason(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof LedgerUnavailable) {
                return KeptText.cut(cause.getMessage(), SUMMARY_LIMIT, "the failure");
            }
        }
        return summary(failure);
    }

    /** The innermost cause, its message and where it was thrown: enough for an operator and a bug report. */
    static String summary(Throwable failure) {
        List<Throwable> causes = causes(failure);
        Throwable root = causes.getLast();
        StackTraceElement[] trace = root.getStackTrace();
        String summary = root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + (trace.length == 0 ? "" : " at " + trace[0]);
        return KeptText.cut(summary, SUMMARY_LIMIT, "the failure");
    }

    /** The failure and its causes, outermost first; at most {@value #MAX_CAUSES}, so a cycle of causes ends. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && causes.size() < MAX_CAUSES; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}
