package org.smtprc.confirmation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.smtprc.config.Settings;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Keeps the quarantine bounded ({@link QuarantinePolicy}, limits from {@link Settings}) and says how much it did
 * not keep. What it drops costs no database work: the losses are counted in memory and added to the stored tallies
 * once a minute, when the sweep also deletes rows past their retention and counts the rows again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QuarantineKeeper {

    private static final Logger LOG = Logger.getLogger(QuarantineKeeper.class.getName());

    /** Why mail was not kept, or no longer is; the names are the stored tallies' kinds. */
    enum Loss {
        OVER_CAP("dropped-over-cap"), OVER_RATE("dropped-over-rate"), RETENTION("deleted-by-retention");

        final String kind;

        Loss(String kind) {
            this.kind = kind;
        }
    }

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    Settings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final QuarantinePolicy policy = new QuarantinePolicy();
    private final Map<Loss, AtomicLong> uncounted = new EnumMap<>(Loss.class);

    public QuarantineKeeper() {
        for (Loss loss : Loss.values()) {
            uncounted.put(loss, new AtomicLong());
        }
    }

    @PostConstruct
    void countRows() {
        policy.recounted(rows(), Instant.now());
    }

    /** Stores the quarantined mail unless a limit says no, in the caller's transaction; true when it was kept. */
    public boolean keep(QuarantinedMail mail) {
        String sender = QuarantinePolicy.sendingAddress(mail.getPeer(), mail.getMailFrom());
        Instant now = Instant.now();
        QuarantinePolicy.Decision decision = policy.admit(sender, mail.getReceivedAt(), now, limits());
        if (decision == QuarantinePolicy.Decision.KEEP) {
            em.persist(mail);
        }
        // Counted once the transaction has ended: a rolled-back one (a shared batch that failed, whose mails are
        // then judged again alone, or a redelivery) must not count the same mail twice.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                settle(decision, sender, now, status == Status.STATUS_COMMITTED);
            }
        });
        return decision == QuarantinePolicy.Decision.KEEP;
    }

    /** A decision's count once its transaction ended: a kept row that was not stored is withdrawn. */
    void settle(QuarantinePolicy.Decision decision, String sender, Instant decidedAt, boolean committed) {
        if (!committed) {
            if (decision == QuarantinePolicy.Decision.KEEP) {
                policy.withdraw(sender, decidedAt);
            }
            return;
        }
        switch (decision) {
            case KEEP -> { }
            case PAST_RETENTION -> uncounted.get(Loss.RETENTION).incrementAndGet();
            case OVER_RATE -> uncounted.get(Loss.OVER_RATE).incrementAndGet();
            case OVER_CAP -> uncounted.get(Loss.OVER_CAP).incrementAndGet();
        }
    }

    /** Once a minute: deletes what is past its retention, counts the rows again, stores the tallies. */
    @Schedule(hour = "*", minute = "*", persistent = false, info = "SmtpRC quarantine sweep")
    void sweep() {
        Instant now = Instant.now();
        QuarantineLimits limits = limits();
        if (limits.retentionDays() > 0) {
            int deleted = em.createQuery("delete from QuarantinedMail q where q.receivedAt < :since")
                    .setParameter("since", limits.retainedSince(now))
                    .executeUpdate();
            uncounted.get(Loss.RETENTION).addAndGet(deleted);
        }
        policy.recounted(rows(), now);
        store(now, limits);
    }

    /** The quarantine's size, limits and losses, the losses of the last minute included. */
    public QuarantineSummary summary() {
        Map<Loss, Long> lost = new EnumMap<>(Loss.class);
        Instant since = null;
        for (Loss loss : Loss.values()) {
            QuarantineTally tally = em.find(QuarantineTally.class, loss.kind);
            lost.put(loss, uncounted.get(loss).get() + (tally == null ? 0 : tally.getTotal()));
            if (tally != null && (since == null || tally.getSince().isBefore(since))) {
                since = tally.getSince();
            }
        }
        Instant oldest = em.createQuery("select min(q.receivedAt) from QuarantinedMail q", Instant.class)
                .getSingleResult();
        QuarantineLimits limits = limits();
        return new QuarantineSummary(rows(), oldest, limits.retentionDays(), limits.maxRows(),
                limits.perSenderPerHour(), lost.get(Loss.OVER_CAP), lost.get(Loss.OVER_RATE),
                lost.get(Loss.RETENTION), since);
    }

    /**
     * Adds the losses counted since the last sweep to the stored tallies. Counts taken here are lost if the commit
     * fails after all; the tallies say "at least".
     */
    private void store(Instant now, QuarantineLimits limits) {
        Map<Loss, Long> taken = new EnumMap<>(Loss.class);
        for (Loss loss : Loss.values()) {
            long count = uncounted.get(loss).get();
            if (count == 0) {
                continue;
            }
            int updated = em.createQuery("update QuarantineTally t set t.total = t.total + :count where t.kind = :kind")
                    .setParameter("count", count)
                    .setParameter("kind", loss.kind)
                    .executeUpdate();
            if (updated == 0) {
                em.persist(new QuarantineTally(loss.kind, count, now));
            }
            uncounted.get(loss).addAndGet(-count);
            taken.put(loss, count);
        }
        long overCap = taken.getOrDefault(Loss.OVER_CAP, 0L);
        long overRate = taken.getOrDefault(Loss.OVER_RATE, 0L);
        if (overCap + overRate > 0) {
            LOG.warning(() -> "in the last minute the quarantine did not keep " + overCap + " mail(s) over its row cap"
                    + " (" + QuarantineLimits.MAX_ROWS + ", now " + limits.maxRows() + ") and " + overRate
                    + " over the rate per sending address (" + QuarantineLimits.PER_SENDER_PER_HOUR + ", now "
                    + limits.perSenderPerHour() + " an hour)");
        }
    }

    private long rows() {
        return em.createQuery("select count(q) from QuarantinedMail q", Long.class).getSingleResult();
    }

    private QuarantineLimits limits() {
        return new QuarantineLimits(settings.quarantineRetentionDays(), settings.quarantineMaxRows(),
                settings.quarantinePerSenderPerHour());
    }
}
