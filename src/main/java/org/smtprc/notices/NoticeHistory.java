package org.smtprc.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.addresses.HostAddress;
import org.smtprc.history.HostEvent;
import org.smtprc.history.HostHistorySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's history as notices tell it: every notice that named one of its endpoints, sent, held, dry-run or failed.
 * The newest {@value #NOTICES_READ} notices are searched (their host lists are text), which covers years of weekly
 * scans of a few hundred owners; older notices stay in {@code GET /api/notices?scan=ID}.
 */
@ApplicationScoped
public class NoticeHistory implements HostHistorySource {

    static final int NOTICES_READ = 5_000;

    @Inject
    NoticeLog log;

    @Override
    public List<HostEvent> eventsFor(HostAddress address, int newest) {
        String named = address.text().contains(":") ? "[" + address.text() + "]:" : address.text() + ":";
        List<HostEvent> events = new ArrayList<>();
        for (Notice notice : log.recent(NOTICES_READ)) {
            for (Integer port : portsNamed(notice.getHosts(), named)) {
                if (events.size() >= newest) {
                    return events;
                }
                events.add(event(notice, port));
            }
        }
        return events;
    }

    /** The ports of {@code named} ("192.0.2.1:" or "[2001:db8::1]:") in a notice's comma-separated endpoints. */
    static List<Integer> portsNamed(String endpoints, String named) {
        List<Integer> ports = new ArrayList<>();
        for (String endpoint : endpoints.split(",")) {
            if (endpoint.startsWith(named)) {
                try {
                    ports.add(Integer.parseInt(endpoint.substring(named.length())));
                } catch (NumberFormatException notOurs) {
                    // not an endpoint this class wrote
                }
            }
        }
        return ports;
    }

    private static HostEvent event(Notice notice, int port) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("noticeId", notice.getId());
        facts.put("noticeKind", notice.getKind().name());
        facts.put("status", notice.getStatus().name());
        facts.put("recipient", notice.getRecipient());
        facts.put("owner", notice.getOwnerName());
        facts.put("messageId", notice.getMessageId());
        facts.put("aboutScanId", notice.getAboutScanId());
        return new HostEvent(notice.getSentAt() != null ? notice.getSentAt() : notice.getRecordedAt(), "notice",
                notice.getScanId(), port, null, notice.getKind().name().toLowerCase() + " notice to "
                + notice.getRecipient() + ": " + notice.getStatus().name().toLowerCase().replace('_', ' '), facts);
    }
}
