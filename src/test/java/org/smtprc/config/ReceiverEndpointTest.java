package org.smtprc.config;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver's address and port: each setting as it is, else the socket binding (offset applied), else the default. */
class ReceiverEndpointTest {

    /** As WildFly resolves the binding under -Djboss.socket.binding.port-offset=600. */
    private static final Optional<InetSocketAddress> BINDING = Optional.of(new InetSocketAddress("127.0.86.1", 10_625));

    @Test
    void theSocketBindingDecidesWhenNothingIsSet() {
        ReceiverEndpoint.Chosen chosen = ReceiverEndpoint.choose(Optional.empty(), Optional.empty(), BINDING,
                "127.0.0.1", 10_025);
        assertThat(chosen.toString()).isEqualTo("127.0.86.1:10625");
        assertThat(chosen.from()).isEqualTo("socket binding smtprc-receiver");
    }

    @Test
    void eachSettingWinsOverItsHalfOfTheBinding() {
        ReceiverEndpoint.Chosen port = ReceiverEndpoint.choose(Optional.empty(), Optional.of(2525), BINDING,
                "127.0.0.1", 10_025);
        assertThat(port.toString()).isEqualTo("127.0.86.1:2525");
        assertThat(port.from()).isEqualTo("address: socket binding smtprc-receiver, port: smtprc.receiver.port");

        ReceiverEndpoint.Chosen both = ReceiverEndpoint.choose(Optional.of("127.0.86.2"), Optional.of(2525), BINDING,
                "127.0.0.1", 10_025);
        assertThat(both.toString()).isEqualTo("127.0.86.2:2525");
        assertThat(both.from()).isEqualTo("address: smtprc.receiver.address, port: smtprc.receiver.port");
    }

    @Test
    void withoutTheBindingTheDefaultsApplyAndSaySo() {
        ReceiverEndpoint.Chosen chosen = ReceiverEndpoint.choose(Optional.empty(), Optional.empty(), Optional.empty(),
                "127.0.0.1", 10_025);
        assertThat(chosen.toString()).isEqualTo("127.0.0.1:10025");
        assertThat(chosen.from()).isEqualTo("the default: the server has no socket binding smtprc-receiver");
    }
}
