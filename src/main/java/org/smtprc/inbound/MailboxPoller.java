package org.smtprc.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.receiver.Maildir;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Collects relayed probe mail that reaches the probe mailbox some other way than the in-app receiver (the probe
 * domain's MX is an ordinary mail server): it polls an IMAP or POP3 mailbox and/or reads a Maildir, and puts each
 * message on the same inbound queue the receiver uses, so the same matching proves it. Idle unless
 * {@link MailboxSettings} name a mailbox; settings changed at runtime take effect at the next tick.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxPoller {

    private static final Logger LOG = Logger.getLogger(MailboxPoller.class.getName());

    @Inject
    InboundMailSender queue;

    @Inject
    Settings settings;

    /** How often the poller looks whether a poll is due; a poll never overlaps the previous one. */
    private static final Duration TICK = Duration.ofSeconds(1);

    @Resource
    TimerService timers;

    private volatile MailboxSettings lastPolled;
    private volatile Instant nextPoll = Instant.MIN;
    private volatile String lastProblem;

    @PostConstruct
    void start() {
        nextTick();
    }

    /** Polls when the interval has passed or the operator changed the settings. */
    @Timeout
    void tick() {
        try {
            MailboxSettings current = MailboxSettings.fromSystemProperties();
            if (!current.configured()) {
                lastPolled = null;
                return;
            }
            if (current.equals(lastPolled) && Instant.now().isBefore(nextPoll)) {
                return;
            }
            lastPolled = current;
            nextPoll = Instant.now().plus(current.pollInterval());
            poll(current);
        } catch (IllegalArgumentException misconfigured) {
            report(misconfigured.getMessage() + "; relayed mail in the mailbox is not read until this is fixed");
        } finally {
            nextTick();
        }
    }

    /** A fresh single-shot timer after each tick, so a slow mail server delays the next poll instead of piling up. */
    private void nextTick() {
        timers.createSingleActionTimer(TICK.toMillis(), new TimerConfig("SmtpRC mailbox poll", false));
    }

    private void poll(MailboxSettings current) {
        String probeMailbox = settings.probeLocalPart() + "@" + settings.probeDomain();
        boolean healthy = true;
        if (current.mailbox() != null) {
            try {
                int taken = new MailboxStore(current, settings.receiverMaxMessageBytes(), probeMailbox).drain(queue);
                logTaken(taken, current.describeMailbox());
            } catch (Exception e) {
                healthy = false;
                report("cannot read relayed probe mail from " + current.describeMailbox() + ": " + e
                        + "; check " + MailboxSettings.URL + ", " + MailboxSettings.PASSWORD
                        + " and that the mail server answers; retrying every " + current.pollInterval().toSeconds() + " s");
            }
        }
        if (current.maildir() != null) {
            try {
                int taken = new Maildir(current.maildir(), settings.receiverMaxMessageBytes()).drain(queue, probeMailbox);
                logTaken(taken, "maildir " + current.maildir());
            } catch (Exception e) {
                healthy = false;
                report("cannot read relayed probe mail from " + MailboxSettings.MAILDIR + " " + current.maildir() + ": "
                        + e.getMessage() + "; retrying every " + current.pollInterval().toSeconds() + " s");
            }
        }
        if (healthy && lastProblem != null) {
            LOG.info(() -> "SmtpRC reads relayed probe mail again (" + current + ")");
            lastProblem = null;
        }
    }

    private static void logTaken(int taken, String source) {
        if (taken > 0) {
            LOG.info(() -> "took " + taken + " message(s) from " + source + " for matching");
        }
    }

    /** Once per distinct problem, not once per tick. */
    private void report(String problem) {
        if (!Objects.equals(problem, lastProblem)) {
            lastProblem = problem;
            LOG.warning(problem);
        }
    }
}
