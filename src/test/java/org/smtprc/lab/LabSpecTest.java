package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text spec LabMain takes, and the builder's checks behind it. Labs here bind ephemeral ports and are closed. */
class LabSpecTest {

    @Test
    void specWithSingleHostsAndCidrBlocksBuildsEveryAddress() {
        try (Lab lab = Lab.fromSpec("127.0.4.1=open-relay, 127.0.4.2=closed,127.0.5.0/28=closed\n127.0.6.0/31=silent")
                .port(0).deliverTo(new InetSocketAddress("127.0.0.1", 10025)).start()) {
            assertThat(lab.hostCount()).isEqualTo(1 + 1 + 16 + 2);
            assertThat(lab.layout()).containsExactly("127.0.4.1 open-relay (1 host)", "127.0.4.2 closed (1 host)",
                    "127.0.5.0/28 closed (16 hosts)", "127.0.6.0/31 silent (2 hosts)");
            assertThat(lab.connections("127.0.5.15")).isZero();
            assertThat(lab.commands("127.0.6.1")).isEmpty();
            assertThatThrownBy(() -> lab.connections("127.0.5.16")).hasMessageContaining("127.0.5.16 is not a host of this lab");
        }
    }

    @Test
    void everyPersonalityHasASpecNameThatParsesBack() {
        for (Personality personality : Personality.values()) {
            assertThat(Personality.fromSpecName(personality.specName())).isSameAs(personality);
            assertThat(personality.specName()).matches("[a-z0-9-]+");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.1.1=mystery           | unknown lab personality \"mystery\"; known personalities: open-relay, ",
            "127.0.1.1                   | has no personality",
            "127.0.1.300=closed          | octet 300 is out of range 0-255",
            "127.0.1=closed              | is not a dotted IPv4 literal",
            "10.0.0.1=closed             | is not on loopback",
            "127.0.2.0/33=closed         | prefix length 33 is out of range 0-32",
            "127.0.2.0/4=closed          | reaches outside 127.0.0.0/8",
            "127.0.2.1/24=closed         | has host bits set: did you mean 127.0.2.0/24?",
            "127.0.2.0/x=closed          | prefix length \"x\" is not a number",
            "127.0.2.0/30=closed,127.0.2.2=open-relay | lab address 127.0.2.2 is given twice (closed and open-relay",
            "127.0.0.0/8=closed          | larger than 65536 hosts",
            "' '                         | the lab spec is empty",
    })
    void malformedSpecsAreRefusedNamingTheBadPart(String spec, String message) {
        assertThatThrownBy(() -> Lab.fromSpec(spec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void relaysNeedALoopbackDeliveryAddress() {
        assertThatThrownBy(() -> Lab.fromSpec("127.0.4.1=open-relay").port(0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.4.1 is a relay (open-relay)");
        assertThatThrownBy(() -> Lab.builder().deliverTo(new InetSocketAddress("192.0.2.1", 25)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    }

    @Test
    void bindFailureNamesTheAddressAndLeavesNothingBound() throws Exception {
        try (Lab first = Lab.fromSpec("127.0.4.9=closed").port(0).start()) {
            Lab.Builder clash = Lab.fromSpec("127.0.4.8=closed,127.0.4.9=closed").port(first.port());
            assertThatThrownBy(clash::start).hasMessageContaining("lab host 127.0.4.9:" + first.port() + " (closed) could not listen");
            try (Lab again = Lab.fromSpec("127.0.4.8=closed").port(first.port()).start()) {
                assertThat(again.port()).as("127.0.4.8 was released after the failed start").isEqualTo(first.port());
            }
        }
    }
}
