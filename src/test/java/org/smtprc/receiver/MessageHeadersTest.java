package org.smtprc.receiver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageHeadersTest {

    @Test
    void unfoldsTheHeaderSectionAndStopsAtTheBody() {
        String message = "Received: from a\r\n\tby b\r\nSubject: x\r\n\r\nBody-Looking: not a header\r\n";
        assertThat(MessageHeaders.fields(message)).containsExactly("Received: from a by b", "Subject: x");
    }

    @Test
    void takesBareLineFeedsAndAMessageWithoutBody() {
        assertThat(MessageHeaders.fields("A: 1\n B\nC: 2")).containsExactly("A: 1 B", "C: 2");
        assertThat(MessageHeaders.fields("")).isEmpty();
    }
}
