package org.smtprc.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.smtprc.addresses.HostAddress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An address's history across scans (and whatever else a {@link HostHistorySource} knows), newest first. */
@ApplicationScoped
public class HostHistory {

    /** The deepest entry a page may reach (offset + limit): a history is read from its newest end. */
    public static final int MAX_DEPTH = 10_000;
    public static final int MAX_PAGE = 1_000;

    private static final Comparator<HostEvent> NEWEST_FIRST = Comparator
            .comparing(HostEvent::at, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(HostEvent::scanId, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
            .thenComparing(HostEvent::port, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
            .thenComparing(HostEvent::kind);

    @Inject
    @Any
    Instance<HostHistorySource> sources;

    /**
     * @param address an address literal as typed; anything else is refused (no name is ever looked up)
     * @throws IllegalArgumentException for a bad address or page
     */
    public Page of(String address, int offset, int limit) {
        HostAddress parsed = HostAddress.parse(address);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE || offset + limit > MAX_DEPTH) {
            throw new IllegalArgumentException("offset must be 0 or more, limit 1 to " + MAX_PAGE
                    + ", and offset + limit at most " + MAX_DEPTH);
        }
        List<HostEvent> all = new ArrayList<>();
        for (HostHistorySource source : sources) {
            all.addAll(source.eventsFor(parsed, offset + limit + 1));
        }
        all.sort(NEWEST_FIRST);
        List<HostEvent> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        return new Page(parsed.text(), List.copyOf(page), offset, limit, all.size() > offset + limit);
    }

    /**
     * @param address the canonical form of the address asked for
     * @param more    whether older entries follow this page
     */
    public record Page(String address, List<HostEvent> events, int offset, int limit, boolean more) {
    }
}
