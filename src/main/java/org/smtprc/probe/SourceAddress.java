package org.smtprc.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The local address our probes to a target leave from: a verdict depends on where a test came from, and the
 * anonymity judgement looks for this address. A connected UDP socket asks the routing table; no packet is sent.
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    public static Optional<String> towards(InetAddress target) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(target, 9);
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? Optional.empty() : Optional.of(local.getHostAddress());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
