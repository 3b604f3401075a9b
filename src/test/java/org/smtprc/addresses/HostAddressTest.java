package org.smtprc.addresses;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostAddressTest {

    @Test
    void readsLiteralsInTheFormScansStore() {
        assertThat(HostAddress.parse("192.0.2.1").text()).isEqualTo("192.0.2.1");
        assertThat(HostAddress.parse(" 192.0.2.0 ").text()).isEqualTo("192.0.2.0");
        assertThat(HostAddress.parse("203.0.113.255").number().longValue()).isEqualTo(0xcb0071ffL);
        assertThat(HostAddress.parse("2001:DB8:0:0:0:0:0:1").text()).isEqualTo("2001:db8::1");
        assertThat(HostAddress.parse("::1").v6()).isTrue();
        assertThat(HostAddress.parse("2001:db8::1").inetAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void sortsAsAScanWalksItsEndpoints() {
        List<HostAddress> addresses = new ArrayList<>(List.of(HostAddress.parse("2001:db8::1"),
                HostAddress.parse("192.0.2.10"), HostAddress.parse("::1"), HostAddress.parse("192.0.2.9")));
        Collections.sort(addresses);
        assertThat(addresses).extracting(HostAddress::text).containsExactly("192.0.2.9", "192.0.2.10", "::1",
                "2001:db8::1");
        AddressSpace space = AddressSpace.parse("192.0.2.9-192.0.2.10, ::1, 2001:db8::1", null, "25");
        for (long i = 0; i < space.size(); i++) {
            assertThat(space.endpointAt(i).host()).isEqualTo(addresses.get((int) i).text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "mail.example.com", "192.0.2.0/24", "192.0.2.1-192.0.2.9", "192.0.2.*",
            "192.0.2", "192.0.2.1.", "192.0.2.256", "192.0.2.01", "fe80::1%eth0", "2001:db8::/126", "192.0.2.4:25",
            "<script>", "2001:db8::1::2"})
    void refusesAnythingButOneAddress(String text) {
        assertThatThrownBy(() -> HostAddress.parse(text)).isInstanceOf(TargetSyntaxException.class)
                .hasMessageContaining("address")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void aLongInputIsQuotedOnlyInPart() {
        assertThatThrownBy(() -> HostAddress.parse("1".repeat(5_000))).isInstanceOf(TargetSyntaxException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }
}
