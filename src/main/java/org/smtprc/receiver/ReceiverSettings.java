package org.smtprc.receiver;

import java.net.InetAddress;
import java.time.Duration;

/** How the inbound receiver listens and what it tolerates. Port 0 picks a free port (tests). */
public record ReceiverSettings(InetAddress bindAddress, int port, String acceptedDomain, int maxMessageBytes,
                               int maxConnections, Duration idleTimeout, String greetingName) {

    public ReceiverSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("receiver port " + port + " is not a TCP port (0-65535)");
        }
        if (acceptedDomain == null || acceptedDomain.isBlank()) {
            throw new IllegalArgumentException("the receiver needs the probe domain it accepts mail for");
        }
        if (maxMessageBytes < 1024 || maxConnections < 1) {
            throw new IllegalArgumentException("receiver limits too small: " + maxMessageBytes + " bytes, "
                    + maxConnections + " connections");
        }
    }
}
