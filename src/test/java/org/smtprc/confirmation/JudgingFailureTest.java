package org.smtprc.confirmation;

import jakarta.ejb.EJBException;
import jakarta.jms.JMSRuntimeException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class JudgingFailureTest {

    @Test
    void databaseTransactionBrokerAndKeyFailuresAreOutages() {
        assertThat(JudgingFailure.isOutage(wrapped(new PersistenceException("connection refused",
                new SQLException("connection refused", "08001"))))).isTrue();
        assertThat(JudgingFailure.isOutage(wrapped(new PersistenceException("lock timeout")))).isTrue();
        assertThat(JudgingFailure.isOutage(wrapped(new PersistenceException("duplicate",
                new SQLException("unique constraint", "23505"))))).as("a lost race on the proof row").isTrue();
        assertThat(JudgingFailure.isOutage(wrapped(new RollbackException("timed out")))).isTrue();
        assertThat(JudgingFailure.isOutage(new JMSRuntimeException("broker gone"))).isTrue();
        assertThat(JudgingFailure.isOutage(wrapped(new LedgerUnavailable("no key", null)))).isTrue();
    }

    @Test
    void failuresOfTheMailItselfAreNot() {
        assertThat(JudgingFailure.isOutage(wrapped(new IllegalArgumentException("bad header")))).isFalse();
        assertThat(JudgingFailure.isOutage(new StackOverflowError())).isFalse();
        assertThat(JudgingFailure.isOutage(wrapped(new StackOverflowError()))).isFalse();
    }

    @Test
    void aValueTheDatabaseRefusesIsTheMailsNotAnOutage() {
        Throwable tooLong = wrapped(new PersistenceException("could not execute statement",
                new SQLException("value too long for type character varying(512)", "22001")));
        Throwable nul = wrapped(new PersistenceException("could not execute statement",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));

        assertThat(JudgingFailure.isOutage(tooLong)).isFalse();
        assertThat(JudgingFailure.isDataException(tooLong)).isTrue();
        assertThat(JudgingFailure.isOutage(nul)).isFalse();
        assertThat(JudgingFailure.isDataException(wrapped(new IllegalStateException()))).isFalse();
    }

    @Test
    void theSummaryNamesTheInnermostCauseItsMessageAndWhereItWasThrown() {
        String summary = JudgingFailure.summary(wrapped(new IllegalArgumentException("bad header")));
        assertThat(summary).startsWith("IllegalArgumentException: bad header at ")
                .contains(JudgingFailureTest.class.getName());
        assertThat(JudgingFailure.summary(new IllegalStateException("x".repeat(5_000)))).hasSizeLessThan(500);
    }

    @Test
    void theReasonOfAnOutageIsTheLedgersOwnWordNotTheDeepestCause() {
        Throwable keyMissing = wrapped(new LedgerUnavailable("relayed mail cannot be judged without the proof token"
                + " key; it is delivered again: the proof token key is missing",
                new IllegalStateException("missing", new IllegalArgumentException("WFLYELY00911: alias not found"))));

        assertThat(JudgingFailure.reason(keyMissing)).startsWith("relayed mail cannot be judged without the proof"
                + " token key").endsWith("the proof token key is missing");
        assertThat(JudgingFailure.reason(wrapped(new IllegalArgumentException("bad header"))))
                .startsWith("IllegalArgumentException: bad header at ");
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception first = new IllegalStateException("first");
        Exception second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(JudgingFailure.isOutage(first)).isFalse();
        assertThat(JudgingFailure.summary(first)).startsWith("IllegalStateException: ");
    }

    /** As the container hands a failure of a bean to its caller. */
    private static EJBException wrapped(Throwable failure) {
        EJBException wrapped = new EJBException("transaction rolled back");
        wrapped.initCause(failure);
        return wrapped;
    }
}
