package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Special addresses (0.0.0.0/8, ::, multicast, broadcast, reserved) are scanned only when the operator names them on
 * their own; a wider target that merely contains them skips them, and says so.
 */
class SpecialAddressesTest {

    private static AddressSpace targets(String targets) {
        return AddressSpace.parse(targets, null, "25");
    }

    @Test
    void aWiderBlockSkipsThisNetworkAndSaysSo() {
        AddressSpace space = targets("0.0.0.0/7");

        assertThat(space.targetsText()).isEqualTo("1.0.0.0/8");
        assertThat(space.contains(Literal.v4("0.0.0.0"))).isFalse();
        assertThat(space.skippedNote()).isEqualTo("16,777,216 special addresses skipped (never probed unless named on"
                + " their own in the targets): 0.0.0.0/8 (\"this network\": 0.0.0.0 reaches the scanner's own"
                + " machine)");
    }

    @Test
    void everythingSkipsEveryKindOfIpv4SpecialAddress() {
        AddressSpace space = targets("0.0.0.0/0");

        assertThat(space.addressCount()).isEqualTo((1L << 32) - (1L << 24) - (1L << 28) - (1L << 28));
        assertThat(space.targetsText()).isEqualTo("1.0.0.0-223.255.255.255");
        assertThat(space.skippedNote()).startsWith("553,648,128 special addresses skipped")
                .contains("0.0.0.0/8 (\"this network\"", "224.0.0.0/4 (multicast)",
                        "240.0.0.0-255.255.255.254 (reserved)", "255.255.255.255 (limited broadcast)");
    }

    @Test
    void aSpecialAddressNamedOnItsOwnIsScanned() {
        AddressSpace space = targets("0.0.0.0, 224.0.0.251, 255.255.255.255, ::, 192.0.2.0/24");

        assertThat(space.targetsText()).isEqualTo("0.0.0.0, 192.0.2.0/24, 224.0.0.251, 255.255.255.255, ::");
        assertThat(space.skippedNote()).isEmpty();
    }

    @Test
    void aRangeMadeOnlyOfSpecialAddressesIsNamedOnPurpose() {
        assertThat(targets("224.0.0.0/24").addressCount()).isEqualTo(256);
        assertThat(targets("239.255.255.0-240.0.0.255").addressCount()).as("multicast and reserved").isEqualTo(512);
        assertThat(targets("224-225.0.0.*").addressCount()).as("an octet pattern of multicast").isEqualTo(512);
        assertThat(targets("ff02::1-ff02::3").addressCount()).isEqualTo(3);
    }

    @Test
    void aRangeThatMerelyTouchesMulticastSkipsThatPart() {
        AddressSpace space = targets("223.255.255.254-224.0.0.1");

        assertThat(space.targetsText()).isEqualTo("223.255.255.254/31");
        assertThat(space.skippedNote()).isEqualTo("2 special addresses skipped (never probed unless named on their own"
                + " in the targets): 224.0.0.0/31 (multicast)");
    }

    @Test
    void theUnspecifiedIpv6AddressInsideABlockIsSkipped() {
        AddressSpace space = targets("::/126");

        assertThat(space.targetsText()).isEqualTo("::1-::3");
        assertThat(space.skippedNote()).isEqualTo("1 special address skipped (never probed unless named on its own in"
                + " the targets): :: (unspecified: reaches the scanner's own machine)");
    }

    @Test
    void networkAndBroadcastAddressesOfABlockAreOrdinaryAddresses() {
        AddressSpace space = targets("192.0.2.0/24");

        assertThat(space.addressCount()).isEqualTo(256);
        assertThat(space.contains(Literal.v4("192.0.2.0"))).isTrue();
        assertThat(space.contains(Literal.v4("192.0.2.255"))).isTrue();
        assertThat(space.skippedNote()).isEmpty();
    }

    @Test
    void excludedSpecialAddressesAreNotReportedAsSkipped() {
        AddressSpace space = AddressSpace.parse("0.0.0.0/7", "0.0.0.0/8", "25");

        assertThat(space.targetsText()).isEqualTo("1.0.0.0/8");
        assertThat(space.skippedNote()).isEmpty();
    }

    @Test
    void nothingButUnnamedSpecialAddressesLeftIsAnError() {
        assertThatThrownBy(() -> AddressSpace.parse("0.0.0.0/7", "1.0.0.0/8", "25"))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessageStartingWith("nothing is left to scan: 16,777,216 special addresses skipped")
                .hasMessageEndingWith("to probe such an address, write it on its own in the targets");
    }

    @Test
    void theNoteNamesAFewRangesAndCountsTheRest() {
        AddressSpace space = AddressSpace.parse("223.255.255.252-224.0.0.15",
                "224.0.0.1, 224.0.0.3, 224.0.0.5, 224.0.0.7, 224.0.0.9, 224.0.0.11, 224.0.0.13", "25");

        assertThat(space.skippedNote()).isEqualTo("9 special addresses skipped (never probed unless named on their own"
                + " in the targets): 224.0.0.0 (multicast), 224.0.0.2 (multicast), 224.0.0.4 (multicast), 224.0.0.6"
                + " (multicast), 224.0.0.8 (multicast), 224.0.0.10 (multicast) and 2 more");
    }

    @Test
    void aStoredSpaceParsesBackAsWrittenEvenWhereANamedAddressMergedIntoARange() {
        AddressSpace asked = targets("223.255.255.255, 224.0.0.0");
        assertThat(asked.targetsText()).isEqualTo("223.255.255.255-224.0.0.0");

        AddressSpace stored = AddressSpace.stored(asked.targetsText(), "", asked.portsText());

        assertThat(stored).isEqualTo(asked);
        assertThat(targets(asked.targetsText()).addressCount())
                .as("as a new request the merged range no longer names 224.0.0.0 on its own").isEqualTo(1);
    }
}
