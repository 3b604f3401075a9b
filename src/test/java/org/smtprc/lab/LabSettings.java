package org.smtprc.lab;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Every tunable of a lab, with its defaults in {@link #defaults()}.
 *
 * @param port             the SMTP port every host listens on; 0 lets the first host pick a free port that all share
 * @param deliverTo        where relays hand relayed mail (loopback only); null when the lab has no relays
 * @param replyDelay       added before every reply, to look like a WAN round trip
 * @param lateDelivery     how long open-relay-late holds a message before delivering it
 * @param tarpitDelay      pause between the bytes a tarpit writes
 * @param errorSleep       how long an error-limits host waits before each reply once past its soft error limit
 *                         (Postfix's smtpd_error_sleep_time, 1 s)
 * @param idleTimeout      a session waiting this long for a command is closed with 421
 * @param maxMessageBytes  the SIZE the hosts advertise; bigger messages get 552
 * @param commandLogLimit  how many recent commands each host remembers
 * @param deliveryAttempts how often a relay tries to hand a message on before giving up
 * @param deliveryBackoff  the pause before the first retry, doubled for each further one
 * @param deliveryTimeout  connect and read timeout of the delivery client
 * @param closeGrace       how long close() waits for the lab's threads to end
 * @param pipelining       whether the hosts offer PIPELINING (RFC 2920) in their EHLO reply; many appliances and
 *                         customer-premises servers do not, and a client then sends one command per round trip
 */
record LabSettings(int port, InetSocketAddress deliverTo, Duration replyDelay, Duration lateDelivery,
                   Duration tarpitDelay, Duration errorSleep, Duration idleTimeout, int maxMessageBytes,
                   int commandLogLimit, int deliveryAttempts, Duration deliveryBackoff, Duration deliveryTimeout,
                   Duration closeGrace, boolean pipelining) {

    static final int DEFAULT_PORT = 2525;

    static LabSettings defaults() {
        return new LabSettings(DEFAULT_PORT, null, Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 1024 * 1024, 1000, 8, Duration.ofMillis(200),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5), true);
    }
}
