package org.smtprc.confirmation;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import org.smtprc.config.Settings;
import org.smtprc.config.TokenKeys;
import org.smtprc.proof.ProofToken;
import org.smtprc.receiver.ReceivedMail;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmationLedgerTest {

    @Test
    void headersEndAtTheFirstBlankLine() {
        assertThat(ConfirmationLedger.headersOf("Received: from a\r\nSubject: probe\r\n\r\nbody\r\n\r\nmore"))
                .isEqualTo("Received: from a\r\nSubject: probe");
        assertThat(ConfirmationLedger.headersOf("Subject: bare newlines\n\nbody")).isEqualTo("Subject: bare newlines");
        assertThat(ConfirmationLedger.headersOf("Subject: no body")).isEqualTo("Subject: no body");
    }

    @Test
    void headersBeyondTheColumnAreCutWithANoteOfWhatWasLeftOut() {
        String received = "Received: from relay.example by relay.example; Sun, 29 Nov 2026 09:00:00 +0000\r\n";
        String headers = received.repeat(2_000) + "Subject: probe";
        String kept = ConfirmationLedger.headersOf(headers + "\r\n\r\nbody");

        assertThat(kept).hasSizeLessThanOrEqualTo(Confirmation.HEADERS_LIMIT)
                .startsWith(received)
                .endsWith("…[" + (headers.length() - kept.indexOf("…[")) + " more characters of headers not kept]");
    }

    @Test
    void mailThatCannotBeReadIsQuarantinedWithTheReasonInsteadOfFailing() {
        ConfirmationLedger ledger = ledger(() -> new ProofToken(new byte[32]));
        ReceivedMail unreadable = new ReceivedMail("sender@example.org", List.of("relaytest@probe.smtprc.invalid"),
                null, "127.0.0.1", Instant.now());

        ledger.receive(unreadable);

        assertThat(persisted).singleElement().isInstanceOfSatisfying(QuarantinedMail.class, mail -> {
            assertThat(mail.getReason()).startsWith("could not be read: NullPointerException");
            assertThat(mail.getMailFrom()).isEqualTo("sender@example.org");
            assertThat(mail.getHeaders()).isNull();
        });
    }

    @Test
    void aMissingTokenKeyIsAnOutageAndQuarantinesNothing() {
        ConfirmationLedger ledger = ledger(() -> {
            throw new IllegalStateException("the proof token key is missing");
        });
        ReceivedMail mail = new ReceivedMail("sender@example.org", List.of("relaytest@probe.smtprc.invalid"),
                "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1), "127.0.0.1", Instant.now());

        assertThatThrownBy(() -> ledger.receive(mail)).isInstanceOf(LedgerUnavailable.class)
                .satisfies(failure -> assertThat(JudgingFailure.isOutage(failure)).isTrue());
        assertThat(persisted).isEmpty();
    }

    @Test
    void mailTheDatabaseRefusedIsQuarantinedWithoutItsHeaders() {
        ConfirmationLedger ledger = ledger(() -> new ProofToken(new byte[32]));
        ReceivedMail mail = new ReceivedMail("sender@example.org", List.of("relaytest@probe.smtprc.invalid"),
                "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1), "127.0.0.1", Instant.now());

        ledger.quarantineUnjudged(mail, new PersistenceException("could not execute statement",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));

        assertThat(persisted).singleElement().isInstanceOfSatisfying(QuarantinedMail.class, quarantined -> {
            assertThat(quarantined.getReason()).startsWith("could not be judged: SQLException: invalid byte sequence")
                    .endsWith("(headers not kept: the database refused a value)");
            assertThat(quarantined.getHeaders()).isNull();
        });
    }

    @Test
    void junkOverItsSendersHourlyLimitIsNotStored() {
        ConfirmationLedger ledger = ledger(() -> new ProofToken(new byte[32]));
        limitEachSender(ledger, 2);
        for (String peer : List.of("198.51.100.7", "198.51.100.7", "198.51.100.7", "198.51.100.8")) {
            ledger.receive(new ReceivedMail("junk@example.org", List.of("relaytest@probe.smtprc.invalid"),
                    "Subject: junk\r\n\r\nno token\r\n".getBytes(StandardCharsets.ISO_8859_1), peer, Instant.now()));
        }

        assertThat(persisted).extracting(row -> ((QuarantinedMail) row).getPeer())
                .containsExactly("198.51.100.7", "198.51.100.7", "198.51.100.8");
    }

    @Test
    void junkWhoseTransactionRolledBackIsNotCountedAgainstItsSenderWhenJudgedAgain() {
        ConfirmationLedger ledger = ledger(() -> new ProofToken(new byte[32]));
        limitEachSender(ledger, 1);
        ReceivedMail junk = new ReceivedMail("junk@example.org", List.of("relaytest@probe.smtprc.invalid"),
                "Subject: junk\r\n\r\nno token\r\n".getBytes(StandardCharsets.ISO_8859_1), "198.51.100.7",
                Instant.now());

        assertThat(ledger.receiveAll(List.of(junk))).containsExactly(ConfirmationLedger.Judgement.QUARANTINED);
        endTransaction(Status.STATUS_ROLLEDBACK); // the shared batch failed: its mails are judged again, alone
        assertThat(ledger.receive(junk)).as("judged again after the rollback")
                .isEqualTo(ConfirmationLedger.Judgement.QUARANTINED);
        endTransaction(Status.STATUS_COMMITTED);
        assertThat(ledger.receive(junk)).as("the sender's one row an hour is used now")
                .isEqualTo(ConfirmationLedger.Judgement.DROPPED);
    }

    @Test
    void aBatchJudgesEachMailOnItsOwnAndAnswersInOrder() {
        ConfirmationLedger ledger = ledger(() -> new ProofToken(new byte[32]));
        ReceivedMail unreadable = new ReceivedMail("first@example.org", List.of("relaytest@probe.smtprc.invalid"),
                null, "127.0.0.1", Instant.now());
        ReceivedMail noToken = new ReceivedMail("second@example.org", List.of("relaytest@probe.smtprc.invalid"),
                "Subject: junk\r\n\r\nno token\r\n".getBytes(StandardCharsets.ISO_8859_1), "127.0.0.2",
                Instant.now());

        assertThat(ledger.receiveAll(List.of(unreadable, noToken))).containsExactly(
                ConfirmationLedger.Judgement.QUARANTINED, ConfirmationLedger.Judgement.QUARANTINED);
        assertThat(persisted).extracting(row -> ((QuarantinedMail) row).getReason())
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("could not be read: NullPointerException"),
                        reason -> assertThat(reason).isEqualTo("no SmtpRC token in the message"));
    }

    private final List<Object> persisted = new ArrayList<>();
    private final List<Synchronization> transactionEnds = new ArrayList<>();

    /** A ledger whose database only takes persisted entities, as far as these tests reach. */
    private ConfirmationLedger ledger(Supplier<ProofToken> key) {
        ConfirmationLedger ledger = new ConfirmationLedger();
        ledger.em = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[]{EntityManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("persist")) {
                        persisted.add(args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ledger.tokenKeys = new TokenKeys() {
            @Override
            public ProofToken token() {
                return key.get();
            }
        };
        ledger.settings = new Settings();
        ledger.keeper = new QuarantineKeeper();
        ledger.keeper.em = ledger.em;
        ledger.keeper.settings = ledger.settings;
        ledger.keeper.transactions = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(),
                new Class<?>[]{TransactionSynchronizationRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerInterposedSynchronization")) {
                        transactionEnds.add((Synchronization) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return ledger;
    }

    private static void limitEachSender(ConfirmationLedger ledger, int rowsPerHour) {
        ledger.keeper.settings = new Settings() {
            @Override
            public int quarantinePerSenderPerHour() {
                return rowsPerHour;
            }
        };
    }

    /** Ends the transaction the ledger ran in, as the container would. */
    private void endTransaction(int status) {
        transactionEnds.forEach(end -> end.afterCompletion(status));
        transactionEnds.clear();
    }
}
