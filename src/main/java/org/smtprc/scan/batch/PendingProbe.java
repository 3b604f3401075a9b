package org.smtprc.scan.batch;

import org.smtprc.probe.HostOutcome;

import java.util.concurrent.CompletableFuture;

/** A probe started by the processor and finished by the time the writer needs it. */
record PendingProbe(IndexedEndpoint endpoint, CompletableFuture<HostOutcome> outcome) {
}
