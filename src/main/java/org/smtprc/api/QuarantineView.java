package org.smtprc.api;

import org.smtprc.confirmation.QuarantinedMail;

import java.time.Instant;

/** Mail that reached the probe mailbox but proves nothing, with the reason it was set aside. */
public record QuarantineView(long id, Instant receivedAt, String peer, String mailFrom, String reason, String headers) {

    static QuarantineView of(QuarantinedMail mail) {
        return new QuarantineView(mail.getId(), mail.getReceivedAt(), mail.getPeer(), mail.getMailFrom(),
                mail.getReason(), mail.getHeaders());
    }
}
