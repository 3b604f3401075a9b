package org.smtprc.confirmation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmationLedgerTest {

    @Test
    void headersEndAtTheFirstBlankLine() {
        assertThat(ConfirmationLedger.headersOf("Received: from a\r\nSubject: probe\r\n\r\nbody\r\n\r\nmore"))
                .isEqualTo("Received: from a\r\nSubject: probe");
        assertThat(ConfirmationLedger.headersOf("Subject: bare newlines\n\nbody")).isEqualTo("Subject: bare newlines");
        assertThat(ConfirmationLedger.headersOf("Subject: no body")).isEqualTo("Subject: no body");
    }

    @Test
    void headersBeyondTheColumnAreCutWithANoteOfWhatWasLeftOut() {
        String received = "Received: from relay.example by relay.example; Sun, 29 Nov 2026 09:00:00 +0000\r\n";
        String headers = received.repeat(2_000) + "Subject: probe";
        String kept = ConfirmationLedger.headersOf(headers + "\r\n\r\nbody");

        assertThat(kept).hasSizeLessThanOrEqualTo(Confirmation.HEADERS_LIMIT)
                .startsWith(received)
                .endsWith("[" + (headers.length() - (Confirmation.HEADERS_LIMIT - 64))
                        + " more characters of headers not kept]");
    }
}
