package org.smtprc.api;

import org.junit.jupiter.api.Test;
import org.smtprc.inbound.DeadLetter;

import java.time.Instant;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterViewTest {

    @Test
    void theStrangersEnvelopeIsCutAndItsControlCharactersShown() {
        String mailFrom = "evil\u001b[2J\r\nX-Injected: yes@example.org" + "m".repeat(5_000);
        DeadLetter letter = new DeadLetter("0b0e3f4a-6c1d-11f0-9c4e-0242ac120002", Instant.EPOCH, 5, 1234, mailFrom,
                Collections.nCopies(50, "relaytest@probe.smtprc.invalid"), "198.51.100.9", null, null);

        DeadLetterView view = DeadLetterView.of(letter);

        assertThat(view.mailFrom()).startsWith("evil\\x1b[2J\\r\\nX-Injected: yes@example.org")
                .endsWith("…[truncated " + (mailFrom.length() - 320) + " chars]").doesNotContain("\u001b", "\r", "\n");
        assertThat(view.recipients()).hasSize(21).endsWith("…[30 more recipients]");
        assertThat(view.reason()).isNull();
    }

    @Test
    void onlyArtemisMessageIdsNameADeadLetter() {
        assertThat(DeadLetter.wellFormed("0b0e3f4a-6c1d-11f0-9c4e-0242ac120002")).isTrue();
        assertThat(DeadLetter.wellFormed("x' OR JMSMessageID LIKE '%")).isFalse();
        assertThat(DeadLetter.wellFormed("0b0e3f4a-6c1d-11f0-9c4e-0242ac12000'")).isFalse();
        assertThat(DeadLetter.wellFormed(null)).isFalse();
    }
}
