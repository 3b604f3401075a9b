package org.smtprc.receiver;

import java.time.Instant;
import java.util.List;

/** A message the receiver accepted: the envelope, the raw data (our Received line first), who sent it, when. */
public record ReceivedMail(String mailFrom, List<String> recipients, byte[] data, String peer, Instant receivedAt) {

    public ReceivedMail {
        recipients = List.copyOf(recipients);
    }
}
