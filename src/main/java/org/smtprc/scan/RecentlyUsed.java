package org.smtprc.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-server memory of recent scans that stays bounded whatever runs: only the most recently used entries stay. */
final class RecentlyUsed {

    private RecentlyUsed() {
    }

    /** A thread-safe map that drops its least recently used entry beyond {@code kept}. */
    static <K, V> Map<K, V> map(int kept) {
        return Collections.synchronizedMap(new LinkedHashMap<>(kept, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > kept;
            }
        });
    }
}
