package org.smtprc.owners;

import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Network;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerDirectoryTest {

    private static Owner owner(String network, String name) {
        return new Owner(null, Network.parse(network, "network"), name, "abuse@" + name + ".example", null, false);
    }

    private final OwnerDirectory directory = new OwnerDirectory(List.of(
            owner("198.51.100.0/24", "wide"),
            owner("198.51.100.128/25", "narrower"),
            owner("198.51.100.200/32", "single"),
            owner("203.0.113.0/24", "other"),
            owner("2001:db8::/32", "v6wide"),
            owner("2001:db8:1::/48", "v6narrow")));

    @Test
    void theLongestPrefixWins() {
        assertThat(directory.ownerOf("198.51.100.7")).get().extracting(Owner::name).isEqualTo("wide");
        assertThat(directory.ownerOf("198.51.100.129")).get().extracting(Owner::name).isEqualTo("narrower");
        assertThat(directory.ownerOf("198.51.100.200")).get().extracting(Owner::name).isEqualTo("single");
        assertThat(directory.ownerOf("198.51.100.201")).get().extracting(Owner::name).isEqualTo("narrower");
        assertThat(directory.ownerOf("203.0.113.1")).get().extracting(Owner::name).isEqualTo("other");
        assertThat(directory.ownerOf("192.0.2.1")).isEmpty();
        assertThat(directory.ownerOf("2001:db8:1::25")).get().extracting(Owner::name).isEqualTo("v6narrow");
        assertThat(directory.ownerOf("2001:db8:2::25")).get().extracting(Owner::name).isEqualTo("v6wide");
    }

    @Test
    void noOwnerMeansTheOperatorAndFamiliesDoNotMix() {
        OwnerDirectory v4Only = new OwnerDirectory(List.of(owner("198.51.100.0/24", "wide")));
        assertThat(v4Only.ownerOf("203.0.113.1")).isEmpty();
        assertThat(v4Only.ownerOf("2001:db8::1")).isEmpty();
        assertThat(new OwnerDirectory(List.of()).ownerOf("198.51.100.1")).isEmpty();
        assertThatThrownBy(() -> v4Only.ownerOf("mx.example.org")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenThousandNetworksStillAnswerByPrefix() {
        List<Owner> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(owner("2001:db8:" + Integer.toHexString(i) + "::/48", "o" + i));
        }
        many.add(owner("2001:db8:1e:40::/58", "inner"));
        OwnerDirectory big = new OwnerDirectory(many);
        assertThat(big.ownerOf("2001:db8:1e:41::1")).get().extracting(Owner::name).isEqualTo("inner");
        assertThat(big.ownerOf("2001:db8:1e::1")).get().extracting(Owner::name).isEqualTo("o30");
        assertThat(big.ownerOf("2001:db8:2710::1")).as("past the last").isEmpty();
    }
}
