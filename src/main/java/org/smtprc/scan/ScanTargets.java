package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import org.smtprc.addresses.AddressSpace;

import java.util.Map;

/**
 * The address spaces of recent scans, parsed once per server: the API hands over the space it validated, and
 * the planner and every block's reader share it. After a server restart a scan's stored, canonical target text
 * is parsed again, once.
 */
@ApplicationScoped
public class ScanTargets {

    /** Scans whose spaces stay parsed; more than run at once on one server. */
    private static final int KEPT = 32;

    private final Map<Long, AddressSpace> spaces = RecentlyUsed.map(KEPT);

    public AddressSpace of(Scan scan) {
        return spaces.computeIfAbsent(scan.getId(),
                id -> AddressSpace.stored(scan.getTargets(), scan.getExcludes(), scan.getPorts()));
    }

    void remember(long scanId, AddressSpace space) {
        spaces.put(scanId, space);
    }
}
