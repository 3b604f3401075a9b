package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void ipv4Texts() {
        Endpoint endpoint = new Endpoint(Literal.v4("127.0.1.1"), 25);
        assertThat(endpoint.host()).isEqualTo("127.0.1.1");
        assertThat(endpoint.addressLiteral()).isEqualTo("[127.0.1.1]");
        assertThat(endpoint).hasToString("127.0.1.1:25");
    }

    @Test
    void ipv6TextsAreCompressed() {
        Endpoint endpoint = new Endpoint(Literal.v6Loopback(), 25);
        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(endpoint.addressLiteral()).isEqualTo("[IPv6:::1]");
        assertThat(endpoint).hasToString("[::1]:25");
    }

    @Test
    void ipv6CompressionFollowsRfc5952() {
        assertThat(host("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(host("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(host("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(host("1:0:0:0:0:0:0:0")).isEqualTo("1::");
        assertThat(host("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    }

    private static String host(String v6) {
        return AddressSpace.parse(v6, null, "25").endpointAt(0).host();
    }

    @Test
    void equalityIsByAddressAndPort() {
        assertThat(new Endpoint(Literal.v4("10.0.0.1"), 25)).isEqualTo(new Endpoint(Literal.v4("10.0.0.1"), 25))
                .isNotEqualTo(new Endpoint(Literal.v4("10.0.0.1"), 587));
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new Endpoint(Literal.v4("10.0.0.1"), 0)).hasMessageContaining("port 0");
        assertThatThrownBy(() -> new Endpoint(Literal.v4("10.0.0.1"), 65_536)).hasMessageContaining("port 65536");
    }
}
