package org.smtprc.receiver;

import java.net.InetAddress;

/** How the inbound receiver listens, whom it accepts mail for, and what it tolerates. Port 0 picks a free port (tests). */
public record ReceiverSettings(InetAddress bindAddress, int port, String acceptedDomain, String greetingName,
                               ReceiverLimits limits) {

    public ReceiverSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("receiver port " + port + " is not a TCP port (0-65535)");
        }
        if (acceptedDomain == null || acceptedDomain.isBlank()) {
            throw new IllegalArgumentException("the receiver needs the probe domain it accepts mail for");
        }
        if (limits == null) {
            throw new IllegalArgumentException("the receiver needs its limits");
        }
    }
}
