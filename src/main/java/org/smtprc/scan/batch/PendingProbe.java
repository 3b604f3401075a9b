package org.smtprc.scan.batch;

import org.smtprc.probe.Probe;

/** A probe started by the processor and finished by the time the writer needs it. */
record PendingProbe(IndexedEndpoint endpoint, Probe probe) {
}
