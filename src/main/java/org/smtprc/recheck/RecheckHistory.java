package org.smtprc.recheck;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.addresses.HostAddress;
import org.smtprc.history.HostEvent;
import org.smtprc.history.HostHistorySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A host's history as re-checks saw it: each judged re-check of one of its ports, fixed or still relaying. */
@ApplicationScoped
public class RecheckHistory implements HostHistorySource {

    @Inject
    Rechecks rechecks;

    @Override
    public List<HostEvent> eventsFor(HostAddress address, int newest) {
        return rechecks.judgedAt(address.text(), newest).stream()
                .map(row -> event((RecheckHost) row[0], (Recheck) row[1]))
                .toList();
    }

    static HostEvent event(RecheckHost host, Recheck recheck) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("recheckId", recheck.getId());
        facts.put("recheckOf", recheck.getOriginalScanId());
        facts.put("outcome", host.getOutcome().name());
        facts.put("originalVerdict", host.getOriginalVerdict().name());
        facts.put("flagged", host.isFlagged());
        facts.put("automatic", recheck.isAutomatic());
        return new HostEvent(host.getJudgedAt(), "recheck", recheck.getRecheckScanId(), host.getPort(),
                host.getRecheckVerdict() == null ? null : host.getRecheckVerdict().name(),
                "re-check of scan " + recheck.getOriginalScanId() + ": " + host.getOutcome().name().toLowerCase()
                        .replace('_', ' '), facts);
    }
}
