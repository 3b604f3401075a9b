package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Endpoint;

class RelayFormTest {


    private static final RelayForm PERCENT =
            new RelayForm("percent-ip", "<postmaster@{name}>", "<{probe}%{domain}@{ipliteral}>");

    @Test
    void expandsForIpv4() {
        var macros = new RelayForm.Macros("relaytest", "probe.lab", new Endpoint(Loopback.ipv4(127, 0, 1, 1), 25), "mx.lab", "scanner.lab");

        RelayForm expanded = PERCENT.expand(macros);

        assertThat(expanded.name()).isEqualTo("percent-ip");
        assertThat(expanded.mailFrom()).isEqualTo("<postmaster@mx.lab>");
        assertThat(expanded.rcptTo()).isEqualTo("<relaytest%probe.lab@[127.0.1.1]>");
    }

    @Test
    void expandsForIpv6WithTheIpv6Tag() {
        var macros = new RelayForm.Macros("relaytest", "probe.lab", new Endpoint(Loopback.ipv6(), 25), null, "scanner.lab");

        RelayForm expanded = new RelayForm("x", "<{helo}@{ip}>", "<{probe}%{domain}@{ipliteral}>").expand(macros);

        assertThat(expanded.mailFrom()).isEqualTo("<scanner.lab@::1>");
        assertThat(expanded.rcptTo()).isEqualTo("<relaytest%probe.lab@[IPv6:::1]>");
        assertThat(PERCENT.expand(macros).mailFrom())
                .as("a target that announced no name is named by its address literal")
                .isEqualTo("<postmaster@[IPv6:::1]>");
    }

    @Test
    void valuesThatLookLikeMacrosAreNotExpandedAgain() {
        var macros = new RelayForm.Macros("{domain}", "probe.lab", Loopback.endpoint(25), "$1\\x", "h");

        RelayForm expanded = new RelayForm("x", "<{name}>", "<{probe}@{domain}>").expand(macros);

        assertThat(expanded.mailFrom()).isEqualTo("<$1\\x>");
        assertThat(expanded.rcptTo()).isEqualTo("<{domain}@probe.lab>");
    }

    @Test
    void strayBracesStayAsTheyAreAroundAMacro() {
        RelayForm.Macros macros = new RelayForm.Macros("relaytest", "probe.lab",
                new Endpoint(Loopback.ipv4(127, 0, 1, 1), 25), "mx.lab", "scanner.lab");

        RelayForm expanded = new RelayForm("x", "<a{b{probe}c>", "<}{domain}{>").expand(macros);

        assertThat(expanded.mailFrom()).isEqualTo("<a{brelaytestc>");
        assertThat(expanded.rcptTo()).isEqualTo("<}probe.lab{>");
    }

    @Test
    void theReturnAddressIsTheProbeMailboxWithItsOwnLocalPart() {
        var macros = new RelayForm.Macros("relaytest", "probe.smtprc.invalid", Loopback.endpoint(25), "mx.lab",
                "scanner.lab");

        RelayForm expanded = new RelayForm("plain", "<{return}>", "<{probe}@{domain}>").expand(macros);
        RelayForm bare = new RelayForm("no-brackets", "{return}", "{probe}@{domain}").expand(macros);

        assertThat(expanded.mailFrom()).isEqualTo("<relaytest-return@probe.smtprc.invalid>");
        assertThat(expanded.rcptTo()).isEqualTo("<relaytest@probe.smtprc.invalid>");
        assertThat(bare.mailFrom()).isEqualTo("relaytest-return@probe.smtprc.invalid");
        assertThat(RelayForm.returnLocalPart("relaytest")).isEqualTo("relaytest-return");
        assertThat(RelayForm.macroProblem("<{return}>")).isEmpty();
    }

    @Test
    void theBuiltInBatterySendsAsTheReturnAddressWheneverItSendsAsOurMailbox() {
        var macros = new RelayForm.Macros("relaytest", "probe.lab", Loopback.endpoint(25), "mx.lab", "scanner.lab");

        for (RelayForm form : Battery.builtIn().profile("full")) {
            String sender = form.expand(macros).mailFrom();
            assertThat(sender).as(form.name()).doesNotContain("relaytest@probe.lab");
            if (sender.contains("probe.lab")) {
                assertThat(sender).as(form.name()).contains("relaytest-return@probe.lab");
            }
        }
    }

    @Test
    void reportsMacroProblems() {
        assertThat(RelayForm.macroProblem("<{probe}@{ipliteral}>")).isEmpty();
        assertThat(RelayForm.macroProblem("<{probe}@{host}>")).get().asString().contains("unknown macro {host}");
        assertThat(RelayForm.macroProblem("<{probe@x>")).get().asString().contains("stray");
    }
}
