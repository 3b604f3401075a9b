package org.smtprc.api;

import org.smtprc.confirmation.QuarantinedMail;

import java.time.Instant;

/**
 * Mail that reached the probe mailbox but proves nothing, with the reason it was set aside; a bounce also names
 * the scan, endpoint and test its token belongs to (null otherwise).
 */
public record QuarantineView(long id, Instant receivedAt, String peer, String mailFrom, String reason, String headers,
                             Long scanId, String address, Integer port, String form) {

    static QuarantineView of(QuarantinedMail mail) {
        return new QuarantineView(mail.getId(), mail.getReceivedAt(), mail.getPeer(), mail.getMailFrom(),
                mail.getReason(), mail.getHeaders(), mail.getScanId(), mail.getAddress(), mail.getPort(),
                mail.getForm());
    }
}
