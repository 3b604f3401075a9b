package org.smtprc.scan.batch;

import org.smtprc.probe.HostReport;

import java.util.concurrent.CompletableFuture;

/** A probe started by the processor and finished by the time the writer needs it. */
public record PendingProbe(ProbeTask task, CompletableFuture<HostReport> report) {
}
