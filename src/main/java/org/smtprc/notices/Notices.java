package org.smtprc.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.smtprc.config.Settings;
import org.smtprc.owners.Owner;
import org.smtprc.owners.OwnerDirectory;
import org.smtprc.owners.Owners;
import org.smtprc.recheck.RecheckConcluded;
import org.smtprc.report.SafeText;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanCompleted;
import org.smtprc.scan.Scans;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Tells owners about their open relays. When a scan completes, each owner whose networks hold proven relays
 * (confirmed or anonymous; an unproven "accepts relay" convicts nobody) gets one notice listing all of them, and the
 * operator gets a digest with the findings no owner network covers. When a re-check concludes, owners of fixed hosts
 * get a thank-you and owners of hosts still relaying an escalation. Every notice is recorded, sent or not: a dry-run
 * scan's and a held owner's notices are recorded only. A failed send is recorded with its reason and not retried;
 * once the mail server has failed, the rest of the batch is recorded as failed without trying again.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class.getName());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Scans scans;

    @Inject
    Owners owners;

    @Inject
    NoticeLog log;

    @Inject
    NoticeMail mail;

    @Inject
    NoticeTemplates templates;

    @Inject
    Settings settings;

    void scanCompleted(@Observes ScanCompleted event) {
        try {
            afterScan(event.scanId());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "the notices of scan " + event.scanId() + " failed", failed);
        }
    }

    void recheckConcluded(@Observes RecheckConcluded event) {
        try {
            afterRecheck(event);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "the notices of re-check " + event.recheckScanId() + " of scan "
                    + event.originalScanId() + " failed", failed);
        }
    }

    /** FOUND notices to owners (not for a re-check scan: its conclusion tells them), then the operator's digest. */
    void afterScan(long scanId) {
        Scan scan = scans.find(scanId);
        Batch batch = new Batch(scan.getOptions().isNoticesDryRun());
        List<HostRecord> relays = log.provenRelays(scanId);
        ByOwner grouped = byOwner(relays, owners.directory());
        Map<String, String> common = common(scan);
        common.put("deadline", when(finished(scan).plus(settings.recheckDelay())));
        List<Notice> sent = new ArrayList<>();
        if (scan.getRecheckOf() == null) {
            grouped.owned().forEach((owner, hosts) ->
                    sent.add(deliver(batch, NoticeKind.FOUND, scanId, scanId, owner, hosts, common)));
        }
        Map<String, String> digest = new HashMap<>(common);
        digest.put("hostcount", Integer.toString(relays.size()));
        digest.put("counts", scans.counts(scanId).entrySet().stream()
                .map(e -> "  " + e.getKey().name() + ": " + e.getValue()).collect(Collectors.joining("\n")));
        digest.put("notices", noticeLines(sent, scan.getRecheckOf()));
        digest.put("unowned", grouped.unowned().isEmpty() ? "  (none)"
                : Evidence.hostList(grouped.unowned()) + "\n\n" + Evidence.findings(grouped.unowned()));
        deliver(batch, NoticeKind.DIGEST, scanId, scanId, null, grouped.unowned(), digest);
    }

    /** FIXED to the owners of fixed hosts, ESCALATION to those of hosts still relaying; hosts of no owner: the operator. */
    void afterRecheck(RecheckConcluded event) {
        Scan original = scans.find(event.originalScanId());
        Scan recheck = scans.find(event.recheckScanId());
        Batch batch = new Batch(original.getOptions().isNoticesDryRun() || recheck.getOptions().isNoticesDryRun());
        Map<String, String> common = common(recheck);
        common.put("scan", Long.toString(original.getId()));
        common.put("recheckscan", Long.toString(recheck.getId()));
        OwnerDirectory directory = owners.directory();
        tell(batch, NoticeKind.FIXED, recheck, original, log.hosts(event.fixed()), directory, common);
        List<HostRecord> still = log.hosts(event.stillRelaying()).stream()
                .map(host -> log.sameEndpoint(recheck.getId(), host).orElse(host)).toList();
        tell(batch, NoticeKind.ESCALATION, recheck, original, still, directory, common);
    }

    private void tell(Batch batch, NoticeKind kind, Scan recheck, Scan original, List<HostRecord> hosts,
                      OwnerDirectory directory, Map<String, String> common) {
        ByOwner grouped = byOwner(hosts, directory);
        grouped.owned().forEach((owner, theirs) ->
                deliver(batch, kind, recheck.getId(), original.getId(), owner, theirs, common));
        if (!grouped.unowned().isEmpty()) {
            deliver(batch, kind, recheck.getId(), original.getId(), null, grouped.unowned(), common);
        }
    }

    private record ByOwner(Map<Owner, List<HostRecord>> owned, List<HostRecord> unowned) {
    }

    static ByOwner byOwner(List<HostRecord> hosts, OwnerDirectory directory) {
        Map<Owner, List<HostRecord>> owned = new LinkedHashMap<>();
        List<HostRecord> unowned = new ArrayList<>();
        for (HostRecord host : hosts) {
            directory.ownerOf(host.getAddress()).ifPresentOrElse(
                    owner -> owned.computeIfAbsent(owner, o -> new ArrayList<>()).add(host), () -> unowned.add(host));
        }
        return new ByOwner(owned, unowned);
    }

    /** One batch of notices: whether they are sent at all, and whether the mail server has already failed. */
    private static final class Batch {
        final boolean dryRun;
        String mailDown;

        Batch(boolean dryRun) {
            this.dryRun = dryRun;
        }
    }

    /**
     * Renders, sends (unless dry-run, held, or the mail server is down) and records one notice. An owner of null
     * means the operator.
     */
    private Notice deliver(Batch batch, NoticeKind kind, long scanId, long aboutScanId, Owner owner,
                           List<HostRecord> hosts, Map<String, String> common) {
        String to = owner == null ? settings.noticesOperator() : owner.contact();
        Map<String, String> values = new HashMap<>(common);
        values.put("kind", kind.name());
        values.put("to", to);
        values.put("owner", owner == null ? settings.operatorName() : owner.name());
        values.put("network", owner == null ? "(no owner network)" : owner.network().toString());
        values.put("reference", owner == null || owner.reference() == null ? "-" : owner.reference());
        values.putIfAbsent("hostcount", Integer.toString(hosts.size()));
        values.put("hosts", Evidence.hostList(hosts));
        values.put("findings", Evidence.findings(hosts));
        String endpoints = hosts.stream().map(Evidence::endpoint).collect(Collectors.joining(","));
        NoticeTemplate template;
        try {
            template = templates.of(kind);
        } catch (RuntimeException bad) {
            Notice notice = notice(scanId, aboutScanId, kind, owner, to, "(no subject: the template failed)", endpoints);
            notice.ended(NoticeStatus.FAILED, null, bad.getMessage());
            return log.record(notice);
        }
        String subject = template.subject(values);
        Notice notice = notice(scanId, aboutScanId, kind, owner, to, subject, endpoints);
        if (batch.dryRun && kind != NoticeKind.DIGEST) {
            notice.ended(NoticeStatus.DRY_RUN, null, "dry-run scan: recorded, not sent");
        } else if (owner != null && owner.noticesHeld()) {
            notice.ended(NoticeStatus.HELD, null, "the operator holds this owner's notices: recorded, not sent");
        } else if (batch.mailDown != null) {
            notice.ended(NoticeStatus.FAILED, null, "not tried: an earlier notice of this batch failed: "
                    + batch.mailDown);
        } else {
            try {
                notice.ended(NoticeStatus.SENT, mail.send(to, subject, template.body(values), scanId), null);
            } catch (MessagingException | RuntimeException failed) {
                String reason = reason(failed);
                if (!(failed instanceof SendFailedException)) {
                    batch.mailDown = reason;
                }
                notice.ended(NoticeStatus.FAILED, null, reason);
                LOG.warning("notice " + kind + " of scan " + scanId + " to " + to + " failed: " + reason);
            }
        }
        return log.record(notice);
    }

    private static Notice notice(long scanId, long aboutScanId, NoticeKind kind, Owner owner, String to,
                                 String subject, String endpoints) {
        return new Notice(scanId, aboutScanId, kind, owner == null ? null : owner.network().toString(),
                owner == null ? null : owner.name(), to, subject, endpoints);
    }

    private Map<String, String> common(Scan scan) {
        Map<String, String> values = new HashMap<>();
        values.put("scan", Long.toString(scan.getId()));
        values.put("recheckscan", "");
        values.put("operator", settings.operatorName());
        values.put("operatorcontact", settings.contact());
        values.put("scannedfrom", scan.getScannedFrom() == null ? "(unknown)" : scan.getScannedFrom());
        values.put("completed", when(finished(scan)));
        values.put("deadline", "");
        values.put("remediation", settings.noticesRemediationUrl());
        values.put("targets", SafeText.printableLine(SafeText.bound(scan.getTargets(), 500)));
        values.put("dryrun", scan.getOptions().isNoticesDryRun()
                ? "\nDRY RUN: notices to owners were recorded, not sent." : "");
        return values;
    }

    private static Instant finished(Scan scan) {
        return scan.getFinishedAt() == null ? Instant.now() : scan.getFinishedAt();
    }

    private static String when(Instant at) {
        return WHEN.format(at);
    }

    private static String noticeLines(List<Notice> notices, Long recheckOf) {
        if (recheckOf != null) {
            return "  (this scan re-checks scan " + recheckOf + ": owners hear of its conclusion)";
        }
        if (notices.isEmpty()) {
            return "  (none: no owner network holds a proven relay)";
        }
        Map<NoticeStatus, Long> byStatus = notices.stream()
                .collect(Collectors.groupingBy(Notice::getStatus, LinkedHashMap::new, Collectors.counting()));
        StringBuilder out = new StringBuilder("  ").append(byStatus.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append('\n');
        for (Notice n : notices) {
            out.append("  ").append(n.getStatus()).append(' ').append(n.getOwnerName()).append(" <")
                    .append(n.getRecipient()).append("> ").append(n.getOwnerNetwork()).append(": ")
                    .append(n.getHosts().replace(",", ", "))
                    .append(n.getReason() == null ? "" : " (" + n.getReason() + ")").append('\n');
        }
        return out.toString();
    }

    private static String reason(Exception failed) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = failed; t != null && reason.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            reason.append(reason.isEmpty() ? "" : ": ").append(t.getClass().getSimpleName()).append(' ')
                    .append(t.getMessage());
        }
        return SafeText.printableLine(SafeText.bound(reason.toString(), 900));
    }
}
