package org.smtprc.scan;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;
import org.smtprc.config.Settings;
import org.smtprc.probe.HostNames;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.Block;
import org.smtprc.addresses.Scope;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Operator actions on scans. A scan is validated completely before anything is stored: bad input changes
 * nothing. The job gets only the scan's id; the scan itself lives in our tables.
 */
@ApplicationScoped
public class ScanService {

    public static final String JOB = "relay-scan";
    /** In a cluster, one address block of a scan (batch-jobs/relay-block.xml). */
    public static final String BLOCK_JOB = "relay-block";
    /** Job parameter of a restart made by {@link #restart}: the execution it restarts. */
    public static final String RESTART_OF = "restartOf";
    /**
     * Exit status of a scan's job in a cluster once it has handed its blocks to the nodes (relay-scan.xml): it ends
     * there, and {@link #continueAfterBlocks} starts it again for the scan's last part.
     */
    public static final String BLOCKS_DISPATCHED = "BLOCKS_DISPATCHED";

    @Inject
    Settings settings;

    @Inject
    Scans scans;

    @Inject
    BatterySource batteries;

    @Inject
    ScopeService scope;

    @Inject
    AuditTrail audit;

    @Inject
    ScanTargets targets;

    @Inject
    ScanProbeSettings probeSettings;

    public Scan start(ScanRequest request, Actor actor) {
        return start(request, actor, ScanOrigin.OPERATOR);
    }

    /** Starts a scan for a schedule or a re-check: validated, scope-checked and audited like any other. */
    public Scan start(ScanRequest request, Actor actor, ScanOrigin origin) {
        return audited(request == null ? null : request.targets(), actor, () -> launch(create(request, origin)));
    }

    /**
     * A {@code relay-scan} job started from WildFly's CLI with a scan request as its parameters (see
     * {@link JobParameterRequest}): the scan is checked, stored and audited like one started through the API, and
     * run by that job execution (it is not started again). {@code job} holds the chunk size and the chunk
     * transaction timeout the job runs with: a host budget that timeout cannot cover is refused.
     */
    public Scan adopt(Properties parameters, Properties job, long executionId, Actor actor) {
        return audited(parameters.getProperty("targets"), actor, () -> {
            ScanRequest request = JobParameterRequest.from(parameters, (int) JobParameterRequest.number(job, "chunkSize"));
            Checked checked = checked(request);
            long timeout = JobParameterRequest.number(job, "chunkTimeoutSeconds");
            long needed = chunkTimeoutSeconds(checked.options());
            if (timeout < needed) {
                throw new InvalidScanRequestException("chunkTimeoutSeconds=" + timeout
                        + " is shorter than a chunk of this scan may take (" + needed
                        + " s for its host budget): leave it out, or give at least " + needed);
            }
            Scan scan = create(request, checked, ScanOrigin.OPERATOR);
            scans.attachExecution(scan.getId(), executionId);
            return scans.find(scan.getId());
        });
    }

    private Scan audited(String targets, Actor actor, Supplier<Scan> starting) {
        try {
            Scan scan = starting.get();
            audit.record(actor, "SCAN_STARTED", scan.getId(), "targets [" + scan.getTargets() + "] exclude ["
                    + scan.getExcludes() + "] ports [" + scan.getPorts() + "] profile " + scan.getProfile()
                    + (scan.getSkippedSpecial() == null ? "" : "; " + scan.getSkippedSpecial()));
            return scan;
        } catch (IllegalArgumentException refused) {
            audit.record(actor, "SCAN_REFUSED", null, "targets [" + (targets == null ? "" : targets)
                    + "]: " + refused.getMessage());
            throw refused;
        }
    }

    /**
     * Checks a request as a start would (syntax, scope, size, profile, options) and stores or starts nothing: a
     * schedule refuses a request that its first run would refuse.
     */
    public void check(ScanRequest request) {
        checked(request);
    }

    private record Checked(AddressSpace space, String profile, ScanOptions options) {
    }

    private Checked checked(ScanRequest request) {
        if (request == null || request.targets() == null || request.targets().isBlank()) {
            throw new InvalidScanRequestException("targets", "targets: give at least one address, CIDR block or range to scan");
        }
        String ports = request.ports() == null || request.ports().isBlank() ? "25" : request.ports();
        AddressSpace space = AddressSpace.parse(request.targets(), request.exclude() == null ? "" : request.exclude(), ports);
        scope.current().check(space);
        space.requireAtMost(settings.maxAddresses());
        String profile = request.profile() == null || request.profile().isBlank()
                ? settings.defaultProfile() : request.profile().trim();
        batteries.current().profile(profile);
        return new Checked(space, profile,
                options(request.options() == null ? ScanRequest.Options.none() : request.options()));
    }

    private Scan create(ScanRequest request, ScanOrigin origin) {
        return create(request, checked(request), origin);
    }

    private Scan create(ScanRequest request, Checked checked, ScanOrigin origin) {
        AddressSpace space = checked.space();
        String profile = checked.profile();
        ScanOptions options = checked.options();

        Scan asked = new Scan(space.targetsText(), request.exclude() == null ? "" : request.exclude().trim(),
                space.portsText(), profile, space.addressCount(), space.size(), options, Instant.now());
        asked.spare(space.skippedNote(), probeSettings.ownReceiver().namedIn(space));
        asked.startedBy(origin);
        Scan scan = scans.create(asked);
        targets.remember(scan.getId(), space);
        return scan;
    }

    private Scan launch(Scan scan) {
        long executionId = jobOperator().start(JOB, jobParameters(scan));
        scans.attachExecution(scan.getId(), executionId);
        return scans.find(scan.getId());
    }

    public Scan stop(long scanId, Actor actor) {
        Scan scan = scans.find(scanId);
        if (!scan.getStatus().isActive() || scan.getExecutionId() == null) {
            throw new ScanStateException("scan " + scanId + " is " + scan.getStatus() + ", not running: nothing to stop");
        }
        if (settings.clusterEnabled() && scan.getStatus() == ScanStatus.PROBING && !scans.blocks(scanId).isEmpty()) {
            return stopOnTheNodes(scan, actor);
        }
        if (settings.clusterEnabled() && scan.getNode() != null && !scan.getNode().equals(settings.nodeName())) {
            // each node keeps its own job repository: the scan's last part can be stopped only where it runs
            throw new ScanStateException("scan " + scanId + " runs its last part on node " + scan.getNode()
                    + ": stop it there");
        }
        // STOPPING first: a job that stops at once then finds it and marks the scan STOPPED.
        scans.moveTo(scanId, ScanStatus.STOPPING, "stop requested: finishing the chunks in flight");
        try {
            jobOperator().stop(scan.getExecutionId());
        } catch (JobExecutionNotRunningException ended) {
            scans.moveTo(scanId, scan.getStatus(), scan.getStatusDetail());
            throw new ScanStateException("scan " + scanId + " has just ended: nothing to stop");
        }
        audit.record(actor, "SCAN_STOPPED", scanId, "execution " + scan.getExecutionId());
        return scans.find(scanId);
    }

    public Scan restart(long scanId, Actor actor) {
        Scan scan = scans.find(scanId);
        if (settings.clusterEnabled()) {
            return restartInCluster(scan, actor);
        }
        BatchStatus last = jobOperator().getJobExecution(scan.getExecutionId()).getBatchStatus();
        if (last == BatchStatus.COMPLETED) {
            throw new ScanStateException("scan " + scanId + " is complete; start a new scan to scan again");
        }
        boolean running = last == BatchStatus.STARTING || last == BatchStatus.STARTED || last == BatchStatus.STOPPING;
        if (running && scan.getStatus() != ScanStatus.INTERRUPTED) {
            throw new ScanStateException("scan " + scanId + " is still running (execution " + scan.getExecutionId()
                    + " is " + last + "): stop it first, or wait");
        }
        Properties parameters = jobParameters(scan);
        if (scan.getStatus() == ScanStatus.INTERRUPTED) {
            // The repository still says STARTED; JBeret restarts it when no server of ours runs it any more.
            parameters.setProperty("jberet.restart.mode", "detect");
        }
        // Tells the new execution that this restart sets the scan's status and audits it (see restartedElsewhere).
        parameters.setProperty(RESTART_OF, Long.toString(scan.getExecutionId()));
        String skipped = outsideScopeNote(scan);
        long executionId = jobOperator().restart(scan.getExecutionId(), parameters);
        scans.attachExecution(scanId, executionId);
        scans.moveTo(scanId, ScanStatus.PROBING, "restarted as execution " + executionId + skipped);
        audit.record(actor, "SCAN_RESTARTED", scanId, "execution " + scan.getExecutionId() + " restarted as "
                + executionId + skipped);
        return scans.find(scanId);
    }

    /**
     * In a cluster, while the blocks run on the nodes: the scan is STOPPING, each block's job ends after its chunk in
     * flight (its reader reads the status) and releases its block, and the last one makes the scan STOPPED; blocks not
     * yet taken are not run. A restart hands the unfinished blocks out again from their committed positions.
     */
    private Scan stopOnTheNodes(Scan scan, Actor actor) {
        long scanId = scan.getId();
        scans.moveTo(scanId, ScanStatus.STOPPING, "stop requested: each node ends its blocks after the chunk in flight");
        audit.record(actor, "SCAN_STOPPED", scanId, "blocks on the cluster's nodes");
        scans.concludeStop(scanId);
        return scans.find(scanId);
    }

    /**
     * In a cluster: the scan's job starts again here as a new job instance (each node has its own job repository). Its
     * planning finds the blocks and their committed positions: it hands the unfinished blocks that no node holds to the
     * nodes, or, with every block done, goes on to the scan's last part. Blocks a dead node held are taken over by the
     * live ones, as during any scan.
     */
    private Scan restartInCluster(Scan scan, Actor actor) {
        long scanId = scan.getId();
        if (scan.getStatus() == ScanStatus.COMPLETED) {
            throw new ScanStateException("scan " + scanId + " is complete; start a new scan to scan again");
        }
        if (scan.getStatus().isActive()) {
            throw new ScanStateException("scan " + scanId + " is still running (" + scan.getStatus()
                    + (scan.getNode() == null ? "" : ", its job on node " + scan.getNode()) + "): wait for it");
        }
        String skipped = outsideScopeNote(scan);
        // Blocks a stop kept from being taken are handed out anew: no live node takes them for lost before the new
        // job's dispatch puts them on the queue.
        scans.handOut(scanId);
        // PROBING before the job starts: its planning may go straight on to the scan's last part, which moves it on.
        scans.moveTo(scanId, ScanStatus.PROBING, "restarted on node " + settings.nodeName() + skipped);
        long executionId = jobOperator().start(JOB, jobParameters(scan));
        scans.attachExecution(scanId, executionId);
        audit.record(actor, "SCAN_RESTARTED", scanId, "restarted as execution " + executionId + " on node "
                + settings.nodeName() + skipped);
        return scans.find(scanId);
    }

    /** In a cluster: runs one block of a scan as a {@code relay-block} job on this node; its execution id. */
    public long startBlock(long scanId, int block) {
        Properties parameters = jobParameters(scans.find(scanId));
        parameters.setProperty("block", Integer.toString(block));
        return jobOperator().start(BLOCK_JOB, parameters);
    }

    /**
     * In a cluster, once the last block has completed (see {@link Scans#concludeBlocks}): the scan's job starts again on
     * this node, once, and goes on from planning, which finds every block done, to the rest of the scan (greylist
     * retry, confirmations, report). A new job instance, not a restart: each node keeps its own job repository.
     */
    public void continueAfterBlocks(long scanId) {
        long executionId = jobOperator().start(JOB, jobParameters(scans.find(scanId)));
        scans.attachExecution(scanId, executionId);
    }

    /**
     * A restart that did not come through {@link #restart} (WildFly's CLI {@code restart-job}, or a JobOperator of
     * another application): the scan goes back to PROBING with the same scope note as an API restart, and the
     * restart is audited. A scan that is already running again is left as it is.
     */
    public void restartedElsewhere(long scanId, long previousExecution, long executionId, Actor actor) {
        String skipped = outsideScopeNote(scans.find(scanId));
        String how = "restarted as execution " + executionId + " through " + actor.address();
        if (scans.resumeEnded(scanId, how + skipped)) {
            audit.record(actor, "SCAN_RESTARTED", scanId, "execution " + previousExecution + " " + how + skipped);
        }
    }

    /**
     * A restart is allowed after the authorised networks were narrowed: each probe checks the scope before it
     * connects, and what is now outside gets {@code OUT_OF_SCOPE} instead of a connection. The operator is told.
     */
    private String outsideScopeNote(Scan scan) {
        List<Block> left = scans.blocks(scan.getId()).stream()
                .filter(block -> !block.isDone())
                .map(block -> new Block(block.getNumber(), block.getNextIndex(), block.getEnd()))
                .toList();
        AddressSpace toProbe = targets.of(scan).addressesIn(left);
        Scope now = scope.current();
        long outside = now.addressesOutside(toProbe);
        return outside == 0 ? "" : "; " + outside + " of " + toProbe.addressCount()
                + " addresses left to probe are outside the authorised networks now and will be skipped (authorised: "
                + now.describe() + ")";
    }

    private Properties jobParameters(Scan scan) {
        Properties parameters = new Properties();
        parameters.setProperty("scanId", Long.toString(scan.getId()));
        parameters.setProperty("chunkSize", Integer.toString(scan.getOptions().getChunkSize()));
        parameters.setProperty("chunkTimeoutSeconds", Long.toString(chunkTimeoutSeconds(scan.getOptions())));
        return parameters;
    }

    /** The chunk transaction spans the slowest probe of the chunk plus the writes. */
    private static long chunkTimeoutSeconds(ScanOptions options) {
        return Outcomes.patience(options).toSeconds() + 120;
    }

    private ScanOptions options(ScanRequest.Options o) {
        return new ScanOptions(
                o.rcptOnly() != null && o.rcptOnly(),
                o.recordUnresponsive() != null && o.recordUnresponsive(),
                within("connectTimeoutMs", o.connectTimeoutMs(), settings.connectTimeout().toMillis(), 50, 120_000),
                within("commandTimeoutMs", o.commandTimeoutMs(), settings.commandTimeout().toMillis(), 50, 600_000),
                within("hostBudgetMs", o.hostBudgetMs(), settings.hostBudget().toMillis(), 200, 1_800_000),
                within("confirmationWindowMs", o.confirmationWindowMs(), settings.confirmationWindow().toMillis(), 0,
                        86_400_000),
                (int) within("partitions", o.partitions() == null ? null : o.partitions().longValue(),
                        settings.partitions(), 1, 256),
                (int) within("chunkSize", o.chunkSize() == null ? null : o.chunkSize().longValue(),
                        settings.chunkSize(), 1, 2_000),
                heloName(o.heloName()),
                within("greylistRetryMs", o.greylistRetryMs(), settings.greylistRetry().toMillis(), 0, 3_600_000),
                o.messagePerForm() != null && o.messagePerForm(),
                o.noticesDryRun() != null && o.noticesDryRun());
    }

    private static long within(String field, Long value, long fallback, long min, long max) {
        long chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            throw new InvalidScanRequestException("options." + field, "options." + field + " = " + chosen + " is out of range: use "
                    + min + " to " + max);
        }
        return chosen;
    }

    private String heloName(String requested) {
        if (requested == null || requested.isBlank()) {
            return settings.heloName();
        }
        String name = requested.trim();
        if (!HostNames.isHeloName(name)) {
            throw new InvalidScanRequestException("options.heloName", "options.heloName \"" + name
                    + "\" is not a host name or address literal such as scanner.example.net or [192.0.2.1]");
        }
        return name;
    }

    private static JobOperator jobOperator() {
        return BatchRuntime.getJobOperator();
    }
}
