package org.smtprc.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"scanner.example.net", "a", "mx-1.example", "[192.0.2.1]", "[IPv6:2001:db8::1]"})
    void takesNamesAndAddressLiterals(String name) {
        assertThat(HostNames.isHeloName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-scanner.example", "scanner.example.", "scan ner", "scanner\r\nRCPT TO:<x>",
            "[192.0.2.1", "[evil]", "<x>", "a@b"})
    void refusesWhatCannotStandInACommand(String name) {
        assertThat(HostNames.isHeloName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[192.0.2.1]", "[IPv6:::1]"})
    void anAddressLiteralIsNoDomain(String name) {
        assertThat(HostNames.isDomain(name)).isFalse();
        assertThat(HostNames.isAddressLiteral(name)).isTrue();
    }

    @Test
    void aDomainIsAtMost253Characters() {
        assertThat(HostNames.isDomain("a".repeat(253))).isTrue();
        assertThat(HostNames.isDomain("a".repeat(254))).isFalse();
    }
}
