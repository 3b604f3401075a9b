package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the scanner's own receiver can be reached, and which of its addresses a scan named on their own. */
class OwnReceiverTest {

    private static Endpoint at(String v4, int port) {
        return new Endpoint(Literal.v4(v4), port);
    }

    @Test
    void boundToOneAddressItIsThatAddressAtItsPort() {
        OwnReceiver receiver = OwnReceiver.at("127.0.0.1", 10025);

        assertThat(receiver.covers(at("127.0.0.1", 10025))).isTrue();
        assertThat(receiver.covers(at("127.0.0.1", 25))).as("another port of the same machine").isFalse();
        assertThat(receiver.covers(at("127.0.0.2", 10025))).isFalse();
    }

    @Test
    void boundToEveryAddressItIsAllOfLoopbackAndEveryInterfaceAddress() throws Exception {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            OwnReceiver receiver = OwnReceiver.at(wildcard, 10025);

            assertThat(receiver.covers(at("127.0.2.7", 10025))).as(wildcard).isTrue();
            assertThat(receiver.covers(new Endpoint(Literal.v6Loopback(), 10025))).as(wildcard).isTrue();
            assertThat(receiver.covers(at("192.0.2.1", 10025))).as(wildcard).isFalse();
            List<InetAddress> local = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .toList();
            assertThat(local).allSatisfy(address -> assertThat(receiver.covers(new Endpoint(address, 10025)))
                    .as(address.toString()).isTrue());
        }
    }

    @Test
    void aBindAddressThatIsNoLiteralCountsAsEveryLocalAddress() {
        assertThat(OwnReceiver.at("localhost", 10025).covers(at("127.0.0.1", 10025))).isTrue();
    }

    @Test
    void onlyAnAddressWrittenOnItsOwnNamesTheReceiver() {
        OwnReceiver everywhere = OwnReceiver.at("0.0.0.0", 10025);

        assertThat(everywhere.namedIn(AddressSpace.parse("127.0.2.0/27, 127.0.0.1, 192.0.2.9", null, "25")))
                .isEqualTo("127.0.0.1");
        assertThat(everywhere.namedIn(AddressSpace.parse("127.0.0.0/24", null, "25"))).isEmpty();
        assertThat(OwnReceiver.at("127.0.0.1", 10025).namedIn(AddressSpace.parse("127.0.0.1/32", null, "25")))
                .isEqualTo("127.0.0.1");
        assertThat(everywhere.namedIn(AddressSpace.stored("127.0.0.1", "", "25")))
                .as("stored text no longer knows what was written alone").isEmpty();
    }

    @Test
    void anAddressNamedOnItsOwnIsNoLongerSpared() {
        OwnReceiver receiver = OwnReceiver.at("0.0.0.0", 10025).except("127.0.0.1");

        assertThat(receiver.covers(at("127.0.0.1", 10025))).isFalse();
        assertThat(receiver.covers(at("127.0.0.2", 10025))).isTrue();
        assertThat(OwnReceiver.at("127.0.0.1", 10025).except("").covers(at("127.0.0.1", 10025))).isTrue();
    }
}
