package org.smtprc.receiver;

import java.time.Duration;

/**
 * What the receiver tolerates from its clients, so that nobody can hold it or fill the server's memory.
 *
 * @param maxMessageBytes          largest message taken
 * @param maxConnections           sessions at once; at this cap a newcomer displaces an idle session of the client
 *                                 that holds the most (see {@link SessionTable}), else it gets 421
 * @param maxConnectionsPerClient  sessions at once from one client: an IPv4 address, an IPv6 /64
 * @param idleTimeout              silence allowed between two lines from the client
 * @param sessionTimeout           the whole conversation, however busy
 * @param dataTimeout              from the 354 reply to the final dot
 * @param maxBufferedBytes         message bytes held in memory across all sessions; a message that would pass it
 *                                 gets 452 (try again later) instead
 */
public record ReceiverLimits(int maxMessageBytes, int maxConnections, int maxConnectionsPerClient,
                             Duration idleTimeout, Duration sessionTimeout, Duration dataTimeout,
                             long maxBufferedBytes) {

    public ReceiverLimits {
        if (maxMessageBytes < 1024 || maxConnections < 1 || maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("receiver limits too small: " + maxMessageBytes + " bytes, "
                    + maxConnections + " connections, " + maxConnectionsPerClient + " per client address");
        }
        if (maxBufferedBytes < maxMessageBytes) {
            throw new IllegalArgumentException("the receiver's buffer budget (" + maxBufferedBytes
                    + " bytes) must hold at least one message of the largest size (" + maxMessageBytes + " bytes)");
        }
        for (Duration timeout : new Duration[]{idleTimeout, sessionTimeout, dataTimeout}) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("receiver time limits must be positive: idle " + idleTimeout
                        + ", session " + sessionTimeout + ", DATA " + dataTimeout);
            }
        }
    }
}
