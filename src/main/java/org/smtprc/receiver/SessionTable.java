package org.smtprc.receiver;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Who may hold a session. Two caps: one per client (an IPv4 address, an IPv6 /64, since one host has a whole
 * /64 to pick from) and one for all. At the global cap a newcomer does not simply get 421, or whoever opened a
 * thousand idle connections first would lock every relay out: it displaces the longest-idle session of the
 * client that holds the most sessions, provided that client holds more than the newcomer's and the session has
 * been silent for {@link #DISPLACEABLE_AFTER}. Sessions that are talking are never displaced, and so a flood
 * shrinks towards one session per flooding address while each relay still gets in.
 */
final class SessionTable {

    /**
     * Silence after which a session may give way to a newcomer at the global cap. A relay delivering mail answers
     * within milliseconds; a second is long enough for any of them and short for a flood.
     */
    static final Duration DISPLACEABLE_AFTER = Duration.ofSeconds(1);

    static final String TOO_MANY_FROM_CLIENT = "421 4.7.0 Too many connections from your address, try again later";
    static final String TOO_MANY = "421 4.7.0 Too many connections, try again later";

    private final int maxConnections;
    private final int maxPerClient;
    private final Set<ClientConnection> counted = new HashSet<>();
    private final Map<String, Integer> perClient = new HashMap<>();
    /**
     * Before this {@code System.nanoTime()} no counted session can have been silent for {@link #DISPLACEABLE_AFTER}:
     * a session's silence only restarts and newcomers are silent for less, so at the cap a newcomer is refused
     * without looking at every session, as each one was in a burst of relays delivering at once.
     */
    private long noVictimBefore;
    private boolean noVictimKnown;

    SessionTable(ReceiverLimits limits) {
        this.maxConnections = limits.maxConnections();
        this.maxPerClient = limits.maxConnectionsPerClient();
    }

    /** Whether a newcomer gets a session: it does, or it displaces another, or it is refused with a 421 reply. */
    record Admission(String refusal, ClientConnection displaced) {
        boolean admitted() {
            return refusal == null;
        }
    }

    synchronized Admission admit(ClientConnection newcomer, long now) {
        int own = perClient.getOrDefault(newcomer.client(), 0);
        if (own >= maxPerClient) {
            return new Admission(TOO_MANY_FROM_CLIENT, null);
        }
        ClientConnection displaced = null;
        if (counted.size() >= maxConnections) {
            if (noVictimKnown && now - noVictimBefore < 0) {
                return new Admission(TOO_MANY, null);
            }
            displaced = displaceable(own, now);
            if (displaced == null) {
                noVictimBefore = earliestSilence() + DISPLACEABLE_AFTER.toNanos();
                noVictimKnown = true;
                return new Admission(TOO_MANY, null);
            }
            release(displaced);
        }
        counted.add(newcomer);
        perClient.merge(newcomer.client(), 1, Integer::sum);
        return new Admission(null, displaced);
    }

    /** The session no longer counts (it ended, or gave way); safe to call twice. */
    synchronized void release(ClientConnection connection) {
        if (counted.remove(connection)) {
            perClient.computeIfPresent(connection.client(), (client, n) -> n == 1 ? null : n - 1);
        }
    }

    synchronized int size() {
        return counted.size();
    }

    synchronized int clients() {
        return perClient.size();
    }

    private ClientConnection displaceable(int newcomersOwn, long now) {
        long silentSince = now - DISPLACEABLE_AFTER.toNanos();
        ClientConnection victim = null;
        int victimsClientHolds = newcomersOwn;
        for (ClientConnection candidate : counted) {
            if (candidate.ending() || candidate.idleSince() - silentSince > 0) {
                continue;
            }
            int holds = perClient.get(candidate.client());
            if (holds > victimsClientHolds
                    || holds == victimsClientHolds && victim != null && candidate.idleSince() - victim.idleSince() < 0) {
                victim = candidate;
                victimsClientHolds = holds;
            }
        }
        return victim;
    }

    /** When the session silent the longest began its silence. */
    private long earliestSilence() {
        long earliest = 0;
        boolean any = false;
        for (ClientConnection session : counted) {
            if (!any || session.idleSince() - earliest < 0) {
                earliest = session.idleSince();
                any = true;
            }
        }
        return earliest;
    }

    /** The key the per-client cap counts under: the IPv4 address, or the /64 of an IPv6 address. */
    static String clientOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(address.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "::/64";
        }
        return address.getHostAddress();
    }
}
