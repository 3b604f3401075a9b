package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtprc.addresses.Endpoint;

class LocalRecipientTest {

    private static final Endpoint V4 = Loopback.endpoint(25);
    private static final RelayForm.Macros NAMED = new RelayForm.Macros("relaytest", "probe.example", V4, "MX.Lab",
            "scanner.example");
    private static final RelayForm.Macros UNNAMED = new RelayForm.Macros("relaytest", "probe.example", V4, null,
            "scanner.example");

    @ParameterizedTest
    @ValueSource(strings = {"<postmaster>", "<relaytest>", "<\"relaytest@probe.example\">",
            "<\"relaytest%probe.example\">", "<probe.example!relaytest>", "<relaytest%probe.example>",
            "<relaytest%probe.example@mx.lab>", "<relaytest%probe.example@[127.0.0.1]>",
            "<\"relaytest@probe.example\"@[127.0.0.1]>", "<\"relaytest%probe.example\"@MX.LAB.>",
            "<probe.example!relaytest@[127.0.0.1]>", "<relaytest@probe.example@mx.lab>",
            "<\"a\\\"@b\"@mx.lab>", " <relaytest@mx.lab> "})
    void noDomainOrTheTargetsOwnNameOrLiteralIsLocalLooking(String path) {
        assertThat(LocalRecipient.isLocalLooking(path, NAMED)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<relaytest@probe.example>", "relaytest@probe.example", "<relaytest@probe.example.>",
            "<@[127.0.0.1]:relaytest@probe.example>", "<@mx.lab,@[127.0.0.1]:relaytest@probe.example>",
            "<\"relaytest@mx.lab\"@probe.example>", "<mx.lab!relaytest@probe.example>",
            "<relaytest%mx.lab@probe.example>", "<relaytest@[127.0.0.2]>", "<relaytest@other.lab>"})
    void anyOtherFinalDomainIsPlainlyForeign(String path) {
        assertThat(LocalRecipient.isLocalLooking(path, NAMED)).isFalse();
    }

    @Test
    void theProbeDomainIsNeverTheTargetsOwnEvenWhenItAnnouncesIt() {
        RelayForm.Macros impostor = new RelayForm.Macros("relaytest", "probe.example", V4, "probe.example",
                "scanner.example");

        assertThat(LocalRecipient.isLocalLooking("<relaytest@probe.example>", impostor)).isFalse();
        assertThat(LocalRecipient.isLocalLooking("<relaytest%probe.example@probe.example>", impostor)).isFalse();
    }

    @Test
    void anIpv6LiteralIsTheTargetsOwnAndEndsNoSourceRoute() {
        Endpoint v6 = new Endpoint(Loopback.ipv6(), 25);
        RelayForm.Macros target = new RelayForm.Macros("relaytest", "probe.example", v6, null, "scanner.example");

        assertThat(LocalRecipient.isLocalLooking("<relaytest%probe.example@[IPv6:::1]>", target)).isTrue();
        assertThat(LocalRecipient.isLocalLooking("<relaytest%probe.example@[ipv6:::1]>", target)).isTrue();
        assertThat(LocalRecipient.isLocalLooking("<@[IPv6:::1]:relaytest@probe.example>", target)).isFalse();
    }

    @Test
    void theBuiltInBatteryPlainlyForeignFormsAreThoseWhoseLastDomainIsOurs() {
        Map<Boolean, List<String>> byLocality = Battery.builtIn().profile("full").stream()
                .collect(Collectors.partitioningBy(form -> LocalRecipient.isLocalLooking(form.expand(NAMED).rcptTo(),
                        NAMED), Collectors.mapping(RelayForm::name, Collectors.toList())));

        assertThat(byLocality.get(false)).containsExactly("plain", "null-sender", "unqualified-sender",
                "spoof-postmaster", "spoof-postmaster-ip", "sender-own-domain", "no-brackets", "trailing-dot",
                "source-route-ip", "source-route-name");
        assertThat(byLocality.get(true)).containsExactly("percent-name", "percent-ip", "quoted", "quoted-ip",
                "quoted-percent", "quoted-percent-ip", "quoted-percent-name", "double-at-ip", "double-at-name", "bang",
                "bang-ip", "bang-name");
    }

    @Test
    void aTargetThatAnnouncedNoNameOwnsOnlyItsAddressLiteral() {
        assertThat(LocalRecipient.isLocalLooking("<relaytest%probe.example@[127.0.0.1]>", UNNAMED)).isTrue();
        assertThat(LocalRecipient.isLocalLooking("<relaytest%probe.example@mx.lab>", UNNAMED)).isFalse();
    }
}
