package org.smtprc.recheck;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;
import org.smtprc.config.Settings;
import org.smtprc.probe.Verdict;
import org.smtprc.report.SafeText;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanCompleted;
import org.smtprc.scan.ScanOptions;
import org.smtprc.scan.ScanOrigin;
import org.smtprc.scan.ScanRequest;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.ScanStateException;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-checks: after a scan completes, its proven relays are probed again once the delay has passed, as a scan of
 * their own; when that scan completes, each host is judged fixed, still relaying or not re-checked. A re-check scan
 * schedules no re-check of its own: after it the owner has been told or escalated, and the operator decides what
 * comes next (an on-demand re-check of any completed scan, re-check scans included).
 */
@ApplicationScoped
public class RecheckService {

    /**
     * What an automatic re-check, and an operator's that names no verdicts, re-checks: proven relays. An unproven
     * {@link Verdict#ACCEPTS_RELAY} (a server that said yes and may drop or bounce the mail, or a trap) got no notice
     * and deserves no escalation; an operator may name it.
     */

    private static final Set<Verdict> RELAYING = EnumSet.copyOf(
            Arrays.stream(Verdict.values()).filter(Verdict::relays).toList());

    /** Re-checks started or judged per poll: the rest wait for the next one. */
    private static final int PER_POLL = 20;

    private static final Logger LOG = Logger.getLogger(RecheckService.class.getName());

    @Inject
    Settings settings;

    @Inject
    Scans scans;

    @Inject
    ScanService scanService;

    @Inject
    Rechecks rechecks;

    @Inject
    AuditTrail audit;

    @Inject
    Event<RecheckConcluded> concluded;

    /** Observers must not throw: whatever fails here is logged, and the poller judges what was left. */
    void onScanCompleted(@Observes ScanCompleted completed) {
        try {
            scanCompleted(completed.scanId());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "re-check follow-up of completed scan " + completed.scanId() + " failed", failed);
        }
    }

    private void scanCompleted(long scanId) {
        Scan scan = scans.find(scanId);
        if (scan.getRecheckOf() != null) {
            // Not yet linked when the scan finished faster than its starter recorded it: the poller judges it then.
            rechecks.byRecheckScan(scanId).ifPresent(this::conclude);
            return;
        }
        long relays = rechecks.countRelays(scanId, Verdict.provenOnes());
        if (relays == 0) {
            return;
        }
        Instant now = Instant.now();
        Instant due = now.plus(settings.recheckDelay());
        Recheck recheck = rechecks.create(new Recheck(scanId, Verdict.provenOnes(), due, true, Actor.SERVER.name(),
                Actor.SERVER.address(), now));
        audit.record(Actor.SERVER, "RECHECK_SCHEDULED", scanId, "re-check " + recheck.getId() + " of " + relays
                + " host(s) found " + names(Verdict.provenOnes()) + ", due at " + due);
    }

    /**
     * An operator's re-check of a completed scan's hosts of the given verdicts (null or empty: {@link Verdict#provenOnes()}),
     * started at once. Checked completely before anything is stored; a scan refused by the scope check is recorded
     * FAILED and the refusal thrown.
     */
    public Recheck request(long scanId, List<String> verdictNames, Actor actor) {
        Scan scan = scans.find(scanId);
        Set<Verdict> verdicts = verdicts(verdictNames);
        if (scan.getStatus() != ScanStatus.COMPLETED) {
            throw new ScanStateException("scan " + scanId + " is " + scan.getStatus()
                    + ", not complete: re-check it once it has completed");
        }
        long relays = rechecks.countRelays(scanId, verdicts);
        if (relays == 0) {
            throw new ScanStateException("scan " + scanId + " has no host found " + names(verdicts)
                    + ": nothing to re-check");
        }
        Instant now = Instant.now();
        Recheck recheck = rechecks.create(new Recheck(scanId, verdicts, now, false, actor.name(), actor.address(),
                now));
        audit.record(actor, "RECHECK_REQUESTED", scanId, "re-check " + recheck.getId() + " of " + relays
                + " host(s) found " + names(verdicts));
        start(recheck.getId(), actor, true);
        return rechecks.find(recheck.getId()).orElseThrow();
    }

    /** Starts the re-checks that are due and judges those whose scan completed unobserved; called by the poller. */
    public void poll() {
        for (long id : rechecks.unjudged(PER_POLL)) {
            conclude(id);
        }
        for (long id : rechecks.due(Instant.now(), PER_POLL)) {
            try {
                start(id, Actor.SERVER, false);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "re-check " + id + " could not be started", failed);
            }
        }
    }

    private void start(long id, Actor actor, boolean throwRefusal) {
        if (!rechecks.claim(id, Instant.now())) {
            return;
        }
        Recheck recheck = rechecks.find(id).orElseThrow();
        long originalId = recheck.getOriginalScanId();
        List<RecheckPlan.Relay> relays = rechecks.relays(originalId, recheck.getVerdicts());
        if (relays.isEmpty()) {
            fail(recheck, actor, "scan " + originalId + " has no host found " + names(recheck.getVerdicts())
                    + " any more: nothing to re-check");
            return;
        }
        RecheckPlan plan = RecheckPlan.of(relays);
        Scan scan;
        try {
            scan = scanService.start(request(plan, scans.find(originalId)), actor,
                    ScanOrigin.recheckOf(originalId, plan.formsFirst()));
        } catch (RuntimeException refused) {
            fail(recheck, actor, "the re-check scan was refused: " + refused.getMessage());
            if (throwRefusal) {
                throw refused;
            }
            return;
        }
        String note = relays.size() + " host(s) re-checked by scan " + scan.getId() + ", forms tried first: "
                + (plan.formsFirst().isEmpty() ? "none" : String.join(" ", plan.formsFirst()));
        rechecks.started(id, scan.getId(), recheck.getVerdicts(), note);
        audit.record(actor, "RECHECK_STARTED", originalId, "re-check " + id + ": " + note);
    }

    private void fail(Recheck recheck, Actor actor, String reason) {
        rechecks.failed(recheck.getId(), reason);
        audit.record(actor, "RECHECK_FAILED", recheck.getOriginalScanId(), "re-check " + recheck.getId() + ": "
                + reason);
    }

    private void conclude(long id) {
        rechecks.conclude(id).ifPresent(event -> {
            audit.record(Actor.SERVER, "RECHECK_CONCLUDED", event.originalScanId(), "re-check " + id + " by scan "
                    + event.recheckScanId() + ": " + event.fixed().size() + " fixed, " + event.stillRelaying().size()
                    + " still relaying");
            try {
                concluded.fire(event);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "re-check " + id + " concluded, but a follow-up failed", failed);
            }
        });
    }

    /**
     * The re-check probes like the scan it re-checks (a dry run's re-check is a dry run too), and records unanswered
     * endpoints so that gone hosts show.
     */
    private static ScanRequest request(RecheckPlan plan, Scan original) {
        ScanOptions o = original.getOptions();
        return new ScanRequest(plan.targets(), "", plan.ports(), original.getProfile(), new ScanRequest.Options(
                o.isRcptOnly(), true, o.getConnectTimeoutMs(), o.getCommandTimeoutMs(), o.getHostBudgetMs(),
                o.getConfirmationWindowMs(), o.getPartitions(), o.getChunkSize(), o.getHeloName(),
                o.getGreylistRetryMs(), o.isMessagePerForm(), o.isNoticesDryRun()));
    }

    /** @throws IllegalArgumentException naming an unknown verdict, or one that is not a relay */
    static Set<Verdict> verdicts(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Verdict.provenOnes();
        }
        Set<Verdict> chosen = EnumSet.noneOf(Verdict.class);
        for (String name : names) {
            Verdict verdict = parse(name);
            if (!verdict.relays()) {
                throw new IllegalArgumentException("verdicts: " + verdict + " is not a relay; a re-check takes hosts"
                        + " found " + names(RELAYING));
            }
            chosen.add(verdict);
        }
        return chosen;
    }

    private static Verdict parse(String name) {
        try {
            return Verdict.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw new IllegalArgumentException("verdicts: unknown verdict \""
                    + SafeText.printableLine(SafeText.bound(String.valueOf(name), 64)) + "\"; a re-check takes hosts"
                    + " found " + names(RELAYING));
        }
    }

    private static String names(Iterable<Verdict> verdicts) {
        StringBuilder text = new StringBuilder();
        verdicts.forEach(v -> text.append(text.isEmpty() ? "" : ", ").append(v.name()));
        return text.toString();
    }
}
