package org.smtprc.proof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnedMailTest {

    private static final String RETURN = "relaytest-return";
    private static final String PLAIN = "From: x\r\nSubject: SmtpRC relay test\r\nContent-Type: text/plain\r\n\r\nbody\r\n";
    private static final String DSN = "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"b1\"\r\n\r\n--b1\r\n";

    @Test
    void mailForTheReturnAddressIsABounceWhateverItSays() {
        assertThat(ReturnedMail.why("", List.of("Relaytest-Return@probe.example"), PLAIN, RETURN))
                .hasValueSatisfying(why -> assertThat(why).startsWith("bounce: addressed to the probe's return"));
    }

    @Test
    void aDeliveryStatusNotificationFromTheNullSenderIsABounce() {
        assertThat(ReturnedMail.why("", List.of("relaytest@probe.example"), DSN, RETURN))
                .hasValueSatisfying(why -> assertThat(why).contains("delivery status notification"));
    }

    @Test
    void relayedProbeMailIsNoBounceEvenFromTheNullSender() {
        assertThat(ReturnedMail.why("", List.of("relaytest@probe.example"), PLAIN, RETURN)).isEmpty();
        assertThat(ReturnedMail.why("relaytest-return@probe.example", List.of("relaytest@probe.example"), PLAIN,
                RETURN)).isEmpty();
    }

    @Test
    void aReportFromARealSenderIsNoBounce() {
        assertThat(ReturnedMail.why("someone@example.net", List.of("relaytest@probe.example"), DSN, RETURN)).isEmpty();
    }

    @Test
    void theReportMarkMustBeInTheHeaderSection() {
        String hidden = "Subject: x\r\n\r\nContent-Type: multipart/report; report-type=delivery-status\r\n";
        assertThat(ReturnedMail.why("", List.of("relaytest@probe.example"), hidden, RETURN)).isEmpty();
    }
}
