package org.smtprc.confirmation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KeptTextTest {

    @Test
    void shortTextIsKeptAsItIs() {
        assertThat(KeptText.cut("tester@example.org", 512, "MAIL FROM")).isEqualTo("tester@example.org");
        assertThat(KeptText.cut(null, 512, "MAIL FROM")).isNull();
    }

    @Test
    void longTextIsCutToItsLimitWithANoteOfHowMuchWasCut() {
        String mailFrom = "a".repeat(2_000) + "@example.org";
        String kept = KeptText.cut(mailFrom, 512, "MAIL FROM");

        assertThat(kept).hasSizeLessThanOrEqualTo(512).startsWith("aaaa").endsWith(" more characters of MAIL FROM not kept]");
        int keptChars = kept.indexOf("…[");
        assertThat(kept).contains("…[" + (mailFrom.length() - keptChars) + " more characters");
    }

    @Test
    void nulCharactersAreReplacedForTheDatabase() {
        assertThat(KeptText.cut("a\0b", 512, "MAIL FROM")).isEqualTo("a\uFFFDb");
    }

    @Test
    void quarantinedMailKeepsEveryFieldFromTheSenderInsideItsColumn() {
        String headers = "X-Filler: " + "h".repeat(100_000) + "\0";
        QuarantinedMail mail = new QuarantinedMail(Instant.EPOCH, "p".repeat(300), "\0" + "m".repeat(2_000),
                "r".repeat(5_000), headers);

        assertThat(mail.getPeer()).hasSizeLessThanOrEqualTo(QuarantinedMail.PEER_LIMIT).contains("more characters of peer");
        assertThat(mail.getMailFrom()).hasSizeLessThanOrEqualTo(QuarantinedMail.MAIL_FROM_LIMIT).startsWith("\uFFFDmmm")
                .contains("more characters of MAIL FROM");
        assertThat(mail.getReason()).hasSizeLessThanOrEqualTo(QuarantinedMail.REASON_LIMIT);
        assertThat(mail.getHeaders()).hasSizeLessThanOrEqualTo(Confirmation.HEADERS_LIMIT).contains("more characters of headers").doesNotContain("\0");
    }
}
