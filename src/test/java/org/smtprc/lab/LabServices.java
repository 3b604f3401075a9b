package org.smtprc.lab;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * What the sessions of every host share.
 *
 * @param courier null when the lab has no delivery address (then it has no relaying hosts either)
 * @param tls     null when no host offers STARTTLS
 */
record LabServices(LabSettings settings, RelayCourier courier, SSLContext tls, AtomicLong queueIds) {

    String nextQueueId() {
        return "LAB" + Long.toString(queueIds.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }
}
