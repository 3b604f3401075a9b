package org.smtprc.proof;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.ProbeContext;
import org.smtprc.probe.RelayForm;
import org.smtprc.addresses.Endpoint;

import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeMessageTest {

    private final ProofToken token = new ProofToken(ProofTokenTest.newKey());

    @Test
    void theBuiltInMessageIsSmallWellFormedAndCarriesTheTokenTwice() throws Exception {
        ProbeMessage message = new ProbeMessage(ProbeMessage.builtInTemplate(), token, 9, "Example ISP NOC",
                "noc@example.net", "relaytest@probe.test");
        Endpoint target = new Endpoint(InetAddress.getByAddress(new byte[]{127, 0, 1, 1}), 25);
        String text = message.compose(new ProbeContext(target, new RelayForm("percent-ip", "<a@b>", "<c@d>"),
                "<relaytest@probe.test>", "<relaytest%probe.test@[127.0.1.1]>", "mx.example"));

        assertThat(text.length()).isLessThan(1_024);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        assertThat(headers).contains("From: ", "To: <relaytest@probe.test>", "Date: ", "Message-ID: <", "Subject: ",
                "X-SmtpRC-Token: SRC1-");
        assertThat(text).contains("Example ISP NOC", "noc@example.net", "127.0.1.1:25");
        assertThat(ProofToken.candidates(text)).hasSize(1);
        assertThat(ProofToken.candidates(text).stream().map(token::verify).flatMap(Optional::stream))
                .containsExactly(new TokenClaim(9, "127.0.1.1", 25, "percent-ip"));
    }

    @Test
    void templatesWithUnknownMacrosOrNoTokenAreRefused() {
        assertThatThrownBy(() -> new ProbeMessage("Subject: x\n\n{token}\n{bogus}\n", token, 1, "o", "c", "a@b"))
                .hasMessageContaining("line 4").hasMessageContaining("{bogus}");
        assertThatThrownBy(() -> new ProbeMessage("Subject: x\n\nno proof here\n", token, 1, "o", "c", "a@b"))
                .hasMessageContaining("{token}");
    }
}
