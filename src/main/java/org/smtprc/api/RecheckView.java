package org.smtprc.api;

import org.smtprc.recheck.Recheck;
import org.smtprc.recheck.RecheckHost;
import org.smtprc.recheck.RecheckOutcome;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A re-check as the API shows it: the scan re-checked, when it is or was due, its own scan, and what it found per
 * host; hosts still relaying are flagged.
 */
public record RecheckView(long id, long scanId, List<String> verdicts, String state, String detail, Instant dueAt,
                          boolean automatic, String requestedBy, Instant createdAt, Instant startedAt,
                          Instant concludedAt, Long recheckScanId, List<String> formsFirst,
                          Map<String, Long> outcomes, List<HostOutcome> hosts) {

    public record HostOutcome(long originalHostId, Long recheckHostId, String address, int port,
                              String originalVerdict, String recheckVerdict, String outcome, boolean flagged,
                              Instant judgedAt) {

        static HostOutcome of(RecheckHost h) {
            return new HostOutcome(h.getOriginalHostId(), h.getRecheckHostId(), h.getAddress(), h.getPort(),
                    h.getOriginalVerdict().name(), h.getRecheckVerdict() == null ? null : h.getRecheckVerdict().name(),
                    h.getOutcome() == null ? null : h.getOutcome().name(), h.isFlagged(), h.getJudgedAt());
        }
    }

    static RecheckView of(Recheck r, List<String> formsFirst, List<RecheckHost> hosts) {
        Map<RecheckOutcome, Long> tally = new EnumMap<>(RecheckOutcome.class);
        hosts.stream().filter(h -> h.getOutcome() != null).forEach(h -> tally.merge(h.getOutcome(), 1L, Long::sum));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        tally.forEach((outcome, n) -> outcomes.put(outcome.name(), n));
        return new RecheckView(r.getId(), r.getOriginalScanId(), r.getVerdicts().stream().map(Enum::name).toList(),
                r.getState().name(), r.getDetail(), r.getDueAt(), r.isAutomatic(), r.getRequestedBy(),
                r.getCreatedAt(), r.getStartedAt(), r.getConcludedAt(), r.getRecheckScanId(), formsFirst, outcomes,
                hosts.stream().map(HostOutcome::of).toList());
    }
}
