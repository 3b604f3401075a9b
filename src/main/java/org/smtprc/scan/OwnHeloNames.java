package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;

/**
 * The EHLO names this server's scans greet with (each scan may choose its own, {@code options.heloName}). The
 * receiver treats a client greeting with one as our own scanner, as it does for {@code smtprc.helo-name}, and takes
 * no mail from it: a scan that reaches our own receiver (named on its own in the targets, or through a forwarded
 * port) never proves a relay. A scan's name is added whenever its probes are set up, before any of them connects:
 * at every start, restart, resume after a crash and greylist retry.
 */
@ApplicationScoped
public class OwnHeloNames {

    /** Names kept, the most recently used first; far more than scans run at once. */
    private static final int KEPT = 256;

    private final Map<String, Boolean> names = RecentlyUsed.map(KEPT);

    void add(String name) {
        names.put(key(name), Boolean.TRUE);
    }

    /** Whether a client greeting with this name (in any case) is one of our scans. */
    public boolean contains(String name) {
        return name != null && names.containsKey(key(name));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
