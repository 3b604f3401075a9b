package org.smtprc.history;

import java.time.Instant;
import java.util.Map;

/**
 * One dated entry of a host's history. Scans give verdicts; notices and re-checks add their own kinds.
 *
 * @param kind    what happened: {@code scan-verdict}, {@code scan-no-answer}, or a later source's own word
 * @param scanId  the scan it belongs to, or null
 * @param port    the port it concerns, or null for the whole address
 * @param verdict a {@code Verdict} name, or null when the entry has none
 * @param summary one line for a person
 * @param facts   further facts of this kind of entry (no host-supplied text unescaped where shown)
 */
public record HostEvent(Instant at, String kind, Long scanId, Integer port, String verdict, String summary,
                        Map<String, Object> facts) {
}
