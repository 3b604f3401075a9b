package org.smtprc.scan;

import org.smtprc.addresses.AddressSpace;

/** Re-reads a scan's address space from its stored, canonical target text. */
public final class ScanTargets {

    private ScanTargets() {
    }

    public static AddressSpace of(Scan scan) {
        return AddressSpace.parse(scan.getTargets(), scan.getExcludes(), scan.getPorts());
    }
}
