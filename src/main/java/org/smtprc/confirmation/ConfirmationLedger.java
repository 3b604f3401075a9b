package org.smtprc.confirmation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.smtprc.config.Settings;
import org.smtprc.config.TokenKeys;
import org.smtprc.proof.AnonymityJudge;
import org.smtprc.proof.ProofToken;
import org.smtprc.proof.ReturnedMail;
import org.smtprc.receiver.ReceivedMail;
import org.smtprc.proof.TokenClaim;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.Scan;
import org.smtprc.scan.Scans;
import org.smtprc.probe.HostOutcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns relayed probe mail into proof: a verified token names the scan, host, port and test; the proof is kept
 * once (redelivered or duplicated mail changes nothing) and applied to the host's outcome whenever that exists.
 * Mail that proves nothing goes to quarantine with the reason and changes no verdict (within the quarantine's
 * limits: {@link QuarantineKeeper}).
 */
@Stateless
public class ConfirmationLedger {

    private static final Logger LOG = Logger.getLogger(ConfirmationLedger.class.getName());

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    TokenKeys tokenKeys;

    @Inject
    Scans scans;

    @Inject
    Settings settings;

    @Inject
    QuarantineKeeper keeper;

    /**
     * Judges one relayed mail, in a transaction of its own. Reading the mail (its text, headers, bounce marks,
     * token candidates, anonymity) is plain code over the mail's bytes and touches no database: a failure there is
     * the mail's, whatever it is, so the mail is quarantined as "could not be read" and the transaction commits.
     * Any other failure rolls back and reaches the caller, which decides with {@link JudgingFailure}.
     */
    public Judgement receive(ReceivedMail mail) {
        return judgeOrQuarantine(mail, token());
    }

    /**
     * Judges several relayed mails in one transaction (group commit: one commit, and on H2 one store of the changed
     * pages, for all of them). Any failure rolls the whole batch back; the callers then judge their mails one by
     * one with {@link #receive}, where each failure meets its own mail. A mail that repeats an earlier one of the
     * batch is a duplicate, as across transactions: the earlier proof is flushed before the later one looks.
     */
    public List<Judgement> receiveAll(List<ReceivedMail> mails) {
        ProofToken token = token();
        List<Judgement> judgements = new ArrayList<>(mails.size());
        for (ReceivedMail mail : mails) {
            judgements.add(judgeOrQuarantine(mail, token));
        }
        return judgements;
    }

    private Judgement judgeOrQuarantine(ReceivedMail mail, ProofToken token) {
        try {
            return judge(mail, token);
        } catch (UnreadableMail unreadable) {
            return quarantine(mail, headersOrNothing(mail), "could not be read: " + unreadable.getMessage());
        }
    }

    /** What became of a mail the ledger judged (for the metrics). */
    public enum Judgement {
        /** Its token proved a relay test, stored for the first time. */
        PROOF,
        /** A proof already stored (the same test's mail again). */
        DUPLICATE,
        /** Kept in the quarantine: it proves nothing (no token, a forged one, a bounce, unreadable). */
        QUARANTINED,
        /** Proved nothing and was not kept: the quarantine's limits were reached. */
        DROPPED
    }

    /**
     * Keeps mail that {@link #receive} failed on, for a reason no redelivery changes ({@link JudgingFailure}), in
     * the quarantine with that reason: in a transaction of its own, since receive's rolled back. When the database
     * refused a value, the headers are left out (the envelope fields are cut and cleaned in any case).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Judgement quarantineUnjudged(ReceivedMail mail, Throwable failure) {
        boolean refused = JudgingFailure.isDataException(failure);
        String reason = "could not be judged: " + JudgingFailure.summary(failure)
                + (refused ? " (headers not kept: the database refused a value)" : "");
        LOG.log(Level.WARNING, "judging mail from " + mail.peer() + " failed; quarantined it: " + reason, failure);
        return quarantine(mail, refused ? null : headersOrNothing(mail), reason);
    }

    private Judgement judge(ReceivedMail mail, ProofToken token) {
        String returnLocalPart = settings.probeReturnLocalPart();
        String text = reading(() -> new String(mail.data(), StandardCharsets.ISO_8859_1));
        String headers = reading(() -> headersOf(text));
        Optional<String> bounce = reading(() -> ReturnedMail.why(mail.mailFrom(), mail.recipients(), text,
                returnLocalPart));
        List<String> candidates = reading(() -> ProofToken.candidates(text));
        if (candidates.isEmpty()) {
            return quarantine(mail, headers, bounce.map(why -> why + "; no SmtpRC token in it")
                    .orElse("no SmtpRC token in the message"));
        }
        Optional<TokenClaim> claim = reading(() -> candidates.stream().map(token::verify).flatMap(Optional::stream)
                .findFirst());
        if (claim.isEmpty()) {
            return quarantine(mail, headers, bounce.map(why -> why + "; ").orElse("")
                    + "token failed verification (forged, damaged, or from another installation): "
                    + candidates.get(0));
        }
        TokenClaim proven = claim.get();
        Scan scan = em.find(Scan.class, proven.scanId());
        if (scan == null) {
            return quarantine(mail, headers, bounce.map(why -> why + "; ").orElse("")
                    + "valid token for scan " + proven.scanId() + ", which does not exist (purged?)");
        }
        if (bounce.isPresent()) {
            QuarantinedMail returned = QuarantinedMail.bounce(mail.receivedAt(), mail.peer(), mail.mailFrom(),
                    bounce.get() + " (test '" + proven.form() + "' of " + proven.host() + ":" + proven.port()
                            + " in scan " + proven.scanId() + "): it proves no relaying",
                    headers, proven.scanId(), proven.host(), proven.port(), proven.form());
            if (keeper.keep(returned)) {
                LOG.info(() -> "quarantined a bounce from " + mail.peer() + " for " + proven);
                note(returned);
                return Judgement.QUARANTINED;
            }
            return Judgement.DROPPED;
        }
        if (existing(proven) != null) {
            LOG.fine(() -> "duplicate proof for " + proven + " ignored");
            return Judgement.DUPLICATE;
        }
        var traces = new AnonymityJudge.ScannerTraces(traces(scan.getScannedFrom()),
                traces(scan.getOptions().getHeloName()));
        var judgement = reading(() -> new AnonymityJudge().judge(text, traces));
        Confirmation confirmation = new Confirmation(proven.scanId(), proven.host(), proven.port(), proven.form(),
                mail.receivedAt(), mail.peer(), headers, judgement.anonymous(), judgement.reasoning());
        em.persist(confirmation);
        apply(confirmation);
        return Judgement.PROOF;
    }

    /** The token key; unreadable, it is an outage: the mail waits for another delivery (see JudgingFailure). */
    private ProofToken token() {
        try {
            return tokenKeys.token();
        } catch (RuntimeException keyUnreadable) {
            throw new LedgerUnavailable("relayed mail cannot be judged without the proof token key; it is delivered"
                    + " again: " + keyUnreadable.getMessage(), keyUnreadable);
        }
    }

    /**
     * A step that reads the mail's bytes and nothing else. Its failure, even a stack overflow, is the mail's: the
     * same bytes fail the same way on every delivery, so they are quarantined instead (see receive).
     */
    private static <T> T reading(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | StackOverflowError unreadable) {
            throw new UnreadableMail(unreadable);
        }
    }

    /** A failure of reading the mail itself; the message is the summary of the cause. */
    private static final class UnreadableMail extends RuntimeException {
        UnreadableMail(Throwable cause) {
            super(JudgingFailure.summary(cause), cause);
        }
    }

    /** The headers to keep with quarantined mail that failed to be read: none, if even they cannot be had. */
    private static String headersOrNothing(ReceivedMail mail) {
        try {
            return headersOf(new String(mail.data(), StandardCharsets.ISO_8859_1));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * A host probed again (greylisting): its new tests replace the old, and proof that already came back for it
     * (its mail can overtake this write) is applied again, to the new tests.
     */
    public void replaceProbe(long hostId, HostOutcome report) {
        HostRecord host = scans.replaceProbe(hostId, report);
        em.createQuery("update Confirmation c set c.applied = false where c.scanId = :scan and c.address = :address"
                        + " and c.port = :port")
                .setParameter("scan", host.getScanId())
                .setParameter("address", host.getAddress())
                .setParameter("port", host.getPort())
                .executeUpdate();
    }

    /** Applies proof, and notes bounces, that arrived before the host's outcome was written. */
    public int applyPending(long scanId) {
        List<Confirmation> pending = em.createQuery(
                        "select c from Confirmation c where c.scanId = :scan and c.applied = false", Confirmation.class)
                .setParameter("scan", scanId)
                .getResultList();
        int applied = 0;
        for (Confirmation confirmation : pending) {
            if (apply(confirmation)) {
                applied++;
            }
        }
        em.createQuery("select q from QuarantinedMail q where q.scanId = :scan and q.noted = false",
                        QuarantinedMail.class)
                .setParameter("scan", scanId)
                .getResultList()
                .forEach(this::note);
        return applied;
    }

    /** The host's evidence mentions the bounce, once its outcome is written. */
    private void note(QuarantinedMail bounce) {
        List<HostRecord> hosts = lockedHost(bounce.getScanId(), bounce.getAddress(), bounce.getPort());
        if (!hosts.isEmpty() && hosts.get(0).noteBounce(bounce.getForm(), bounce.getReceivedAt(), bounce.getPeer())) {
            bounce.markNoted();
        }
    }

    private boolean apply(Confirmation proof) {
        List<HostRecord> hosts = lockedHost(proof.getScanId(), proof.getAddress(), proof.getPort());
        if (hosts.isEmpty() || !hosts.get(0).confirmTest(proof.getForm(), proof.getReceivedAt(), proof.getHeaders(),
                proof.isAnonymous(), proof.getReasoning())) {
            return false;
        }
        proof.markApplied();
        return true;
    }

    private List<HostRecord> lockedHost(long scanId, String address, int port) {
        // Locked: a greylisted host's second probe may be replacing its tests right now (see replaceProbe);
        // one waits for the other, so the proof lands on the tests that stay.
        return em.createQuery("select h from HostRecord h where h.scanId = :scan"
                        + " and h.address = :address and h.port = :port", HostRecord.class)
                .setParameter("scan", scanId)
                .setParameter("address", address)
                .setParameter("port", port)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private Confirmation existing(TokenClaim claim) {
        return em.createQuery("select c from Confirmation c where c.scanId = :scan and c.address = :address"
                        + " and c.port = :port and c.form = :form", Confirmation.class)
                .setParameter("scan", claim.scanId())
                .setParameter("address", claim.host())
                .setParameter("port", claim.port())
                .setParameter("form", claim.form())
                .getResultStream().findFirst().orElse(null);
    }

    /** Keeps the mail in the quarantine, unless its limits say no (QuarantineKeeper counts what it drops). */
    private Judgement quarantine(ReceivedMail mail, String headers, String reason) {
        if (keeper.keep(new QuarantinedMail(mail.receivedAt(), mail.peer(), mail.mailFrom(), reason, headers))) {
            LOG.info(() -> "quarantined mail from " + mail.peer() + ": " + reason);
            return Judgement.QUARANTINED;
        }
        return Judgement.DROPPED;
    }

    private static Set<String> traces(String value) {
        Set<String> traces = new HashSet<>();
        if (value != null && !value.isBlank()) {
            traces.add(value);
        }
        return traces;
    }

    /**
     * The message's header section (all of it when there is no blank line), cut to at most
     * {@link Confirmation#HEADERS_LIMIT} characters with a note of how much was left out.
     */
    static String headersOf(String message) {
        int end = message.indexOf("\r\n\r\n");
        if (end < 0) {
            end = message.indexOf("\n\n");
        }
        return KeptText.cut(end < 0 ? message : message.substring(0, end), Confirmation.HEADERS_LIMIT, "headers");
    }
}
