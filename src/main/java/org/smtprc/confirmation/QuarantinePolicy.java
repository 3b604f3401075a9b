package org.smtprc.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether one more quarantined mail is kept, so that nobody can fill the database by mailing the probe
 * mailbox junk: mail already past its retention is not kept, a sending address keeps at most so many rows within
 * the last hour (a sliding window), and the quarantine as a whole at most so many rows. Plain Java, kept in memory
 * (the database is not asked while junk floods in): the row count is set from the database by the keeper's sweep
 * and counts up with each row kept; the windows start empty on every start of the server.
 * <p>
 * Memory is bounded by what is kept: a sending address holds at most its hourly limit of instants, and only
 * addresses that had a row kept within the hour are remembered ({@link #recounted} forgets the rest).
 */
final class QuarantinePolicy {

    enum Decision { KEEP, PAST_RETENTION, OVER_RATE, OVER_CAP }

    static final Duration RATE_WINDOW = Duration.ofHours(1);
    /** Longer envelope senders share the key of their first characters. */
    private static final int SENDER_KEY_LIMIT = 256;
    private static final int IPV6_GROUPS = 8;
    private static final int IPV6_NETWORK_GROUPS = 4;

    private final Map<String, ArrayDeque<Instant>> keptBySender = new HashMap<>();
    private long rows;

    /** Whether a mail received at {@code receivedAt} from {@code sender} is kept; a kept row is counted. */
    synchronized Decision admit(String sender, Instant receivedAt, Instant now, QuarantineLimits limits) {
        if (receivedAt.isBefore(limits.retainedSince(now))) {
            return Decision.PAST_RETENTION;
        }
        ArrayDeque<Instant> kept = keptBySender.get(sender);
        if (kept != null) {
            forgetBefore(kept, now.minus(RATE_WINDOW));
        }
        if (limits.perSenderPerHour() > 0 && kept != null && kept.size() >= limits.perSenderPerHour()) {
            return Decision.OVER_RATE;
        }
        if (limits.maxRows() > 0 && rows >= limits.maxRows()) {
            return Decision.OVER_CAP;
        }
        rows++;
        keptBySender.computeIfAbsent(sender, any -> new ArrayDeque<>()).addLast(now);
        return Decision.KEEP;
    }

    /**
     * Takes back a {@link Decision#KEEP} given at {@code keptAt} whose row was not stored after all (its transaction
     * rolled back), so that a mail judged again is not counted against its sender and the cap twice.
     */
    synchronized void withdraw(String sender, Instant keptAt) {
        ArrayDeque<Instant> kept = keptBySender.get(sender);
        if (kept != null && kept.removeLastOccurrence(keptAt)) {
            rows = Math.max(0, rows - 1);
            if (kept.isEmpty()) {
                keptBySender.remove(sender);
            }
        }
    }

    /** The quarantine's rows as the database counts them now; senders without a row kept within the hour are forgotten. */
    synchronized void recounted(long rowsNow, Instant now) {
        rows = rowsNow;
        Instant windowStart = now.minus(RATE_WINDOW);
        keptBySender.values().removeIf(kept -> {
            forgetBefore(kept, windowStart);
            return kept.isEmpty();
        });
    }

    synchronized int sendersRemembered() {
        return keptBySender.size();
    }

    private static void forgetBefore(ArrayDeque<Instant> kept, Instant windowStart) {
        while (!kept.isEmpty() && !kept.peekFirst().isAfter(windowStart)) {
            kept.removeFirst();
        }
    }

    /**
     * Whom a rate limit counts mail against: the client address of the SMTP connection (an IPv6 client by its /64,
     * which one party holds whole), else (mail polled from a mailbox, whose peer names the mailbox) the envelope
     * sender, lower case and cut.
     */
    static String sendingAddress(String peer, String mailFrom) {
        if (peer != null && isIpv4(peer)) {
            return peer;
        }
        if (peer != null && isIpv6(peer)) {
            return ipv6Network(peer);
        }
        String sender = mailFrom == null ? "" : mailFrom.toLowerCase(Locale.ROOT);
        return "<" + (sender.length() > SENDER_KEY_LIMIT ? sender.substring(0, SENDER_KEY_LIMIT) : sender) + ">";
    }

    private static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        String address = withoutZone(text);
        return address.indexOf(':') >= 0 && address.length() <= 39
                && address.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0);
    }

    /** The first four groups of the address, written in full: "2001:db8:0:1::/64". */
    private static String ipv6Network(String text) {
        String address = withoutZone(text).toLowerCase(Locale.ROOT);
        String[] groups = new String[IPV6_GROUPS];
        int gap = address.indexOf("::");
        String[] head = gap < 0 ? address.split(":", -1) : split(address.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(address.substring(gap + 2));
        if (head.length + tail.length > IPV6_GROUPS || (gap < 0 && head.length != IPV6_GROUPS)) {
            return address; // not a well-formed address: its text is the key
        }
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = "0";
        }
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, IPV6_GROUPS - tail.length, tail.length);
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < IPV6_NETWORK_GROUPS; i++) {
            String group = groups[i].replaceFirst("^0+(?=.)", "");
            network.append(group).append(':');
        }
        return network.append(":/64").toString();
    }

    private static String[] split(String groups) {
        return groups.isEmpty() ? new String[0] : groups.split(":", -1);
    }

    private static String withoutZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
