package org.smtprc.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.HostAddress;
import org.smtprc.scan.Scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's history as scans saw it: each scan's verdict per port, and, for the newest completed scans that covered
 * the address but recorded nothing on a port, that it did not answer there (refused or unreachable rows are only
 * stored when a scan asks for {@code recordUnresponsive}).
 */
@ApplicationScoped
public class ScanVerdictHistory implements HostHistorySource {

    /** How many of the newest completed scans are checked for endpoints that did not answer. */
    static final int NO_ANSWER_SCANS = 200;

    @Inject
    HistoryQueries queries;

    @Override
    public List<HostEvent> eventsFor(HostAddress address, int newest) {
        List<HostEvent> events = new ArrayList<>();
        for (AddressVerdict row : queries.rowsOf(address.text(), newest)) {
            events.add(new HostEvent(row.probedAt(), "scan-verdict", row.scanId(), row.port(), row.verdict().name(),
                    row.verdict().label(), facts(row.scheduleId(), row.recheckOf(), row.detail())));
        }
        events.addAll(noAnswers(address, newest));
        return events;
    }

    private List<HostEvent> noAnswers(HostAddress address, int newest) {
        List<Covering> covering = queries.recentCompleted(NO_ANSWER_SCANS).stream()
                .map(scan -> new Covering(scan, AddressSpace.stored(scan.getTargets(), scan.getExcludes(), scan.getPorts())))
                .filter(c -> c.space().contains(address.inetAddress())).toList();
        Set<String> recorded = queries.recordedOf(address.text(), covering.stream().map(c -> c.scan().getId()).toList());
        List<HostEvent> silent = new ArrayList<>();
        for (Covering c : covering) {
            Scan scan = c.scan();
            for (int port : c.space().ports()) {
                if (silent.size() < newest && !recorded.contains(scan.getId() + ":" + port)) {
                    Instant at = scan.getProbingEndedAt() != null ? scan.getProbingEndedAt() : scan.getFinishedAt();
                    silent.add(new HostEvent(at, "scan-no-answer", scan.getId(), port, null,
                            "no answer: refused or unreachable (not recorded)",
                            facts(scan.getScheduleId(), scan.getRecheckOf(), null)));
                }
            }
        }
        return silent;
    }

    private record Covering(Scan scan, AddressSpace space) {
    }

    private static Map<String, Object> facts(Long scheduleId, Long recheckOf, String detail) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("scheduleId", scheduleId);
        facts.put("recheckOf", recheckOf);
        if (detail != null) {
            facts.put("detail", detail);
        }
        return facts;
    }
}
