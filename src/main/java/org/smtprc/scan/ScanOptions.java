package org.smtprc.scan;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Per-scan knobs, fixed when the scan is created so that every execution of it probes alike. */
@Embeddable
public class ScanOptions {

    @Column(name = "rcpt_only", nullable = false)
    private boolean rcptOnly;

    @Column(name = "record_unresponsive", nullable = false)
    private boolean recordUnresponsive;

    @Column(name = "connect_timeout_ms", nullable = false)
    private long connectTimeoutMs;

    @Column(name = "command_timeout_ms", nullable = false)
    private long commandTimeoutMs;

    @Column(name = "host_budget_ms", nullable = false)
    private long hostBudgetMs;

    @Column(name = "confirmation_window_ms", nullable = false)
    private long confirmationWindowMs;

    @Column(name = "partition_count", nullable = false)
    private int partitions;

    @Column(name = "chunk_size", nullable = false)
    private int chunkSize;

    @Column(name = "helo_name", nullable = false, length = 255)
    private String heloName;

    @Column(name = "greylist_retry_ms")
    private Long greylistRetryMs;

    /** Null in scans created before the option existed: one message per host. */
    @Column(name = "message_per_form")
    private Boolean messagePerForm;

    /** Notices of this scan are recorded, not sent; null in scans created before the option existed: sent. */
    @Column(name = "notices_dry_run")
    private Boolean noticesDryRun;

    protected ScanOptions() {
    }

    public ScanOptions(boolean rcptOnly, boolean recordUnresponsive, long connectTimeoutMs, long commandTimeoutMs,
                       long hostBudgetMs, long confirmationWindowMs, int partitions, int chunkSize, String heloName,
                       long greylistRetryMs, boolean messagePerForm, boolean noticesDryRun) {
        this.rcptOnly = rcptOnly;
        this.recordUnresponsive = recordUnresponsive;
        this.connectTimeoutMs = connectTimeoutMs;
        this.commandTimeoutMs = commandTimeoutMs;
        this.hostBudgetMs = hostBudgetMs;
        this.confirmationWindowMs = confirmationWindowMs;
        this.partitions = partitions;
        this.chunkSize = chunkSize;
        this.heloName = heloName;
        this.greylistRetryMs = greylistRetryMs;
        this.messagePerForm = messagePerForm;
        this.noticesDryRun = noticesDryRun;
    }

    public boolean isRcptOnly() { return rcptOnly; }
    /** A probe message for every accepted form, not only the first. */
    public boolean isMessagePerForm() { return Boolean.TRUE.equals(messagePerForm); }
    /** Owners' notices and the digest are recorded, but no notice goes to an owner. */
    public boolean isNoticesDryRun() { return Boolean.TRUE.equals(noticesDryRun); }
    public boolean isRecordUnresponsive() { return recordUnresponsive; }
    public long getConnectTimeoutMs() { return connectTimeoutMs; }
    public long getCommandTimeoutMs() { return commandTimeoutMs; }
    public long getHostBudgetMs() { return hostBudgetMs; }
    public long getConfirmationWindowMs() { return confirmationWindowMs; }
    public int getPartitions() { return partitions; }
    public int getChunkSize() { return chunkSize; }
    public String getHeloName() { return heloName; }
    /** How long to wait before probing greylisted hosts again (0: do not retry). */
    public long getGreylistRetryMs() { return greylistRetryMs == null ? 0 : greylistRetryMs; }
}
