package org.smtprc.scan.batch;

import org.smtprc.addresses.Endpoint;

/** One endpoint of a block, with its position in the scan's endpoint order. */
public record IndexedEndpoint(long index, Endpoint endpoint) {
}
