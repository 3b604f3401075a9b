package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressSpaceSyntaxTest {

    private static AddressSpace targets(String targets) {
        return AddressSpace.parse(targets, null, "25");
    }

    @Test
    void singleIpv4Address() {
        AddressSpace space = targets("192.0.2.7");
        assertThat(space.addressCount()).isEqualTo(1);
        assertThat(space.endpointAt(0)).hasToString("192.0.2.7:25");
    }

    @Test
    void cidrBlock() {
        AddressSpace space = targets("10.1.0.0/16");
        assertThat(space.addressCount()).isEqualTo(65_536);
        assertThat(space.endpointAt(0).host()).isEqualTo("10.1.0.0");
        assertThat(space.endpointAt(65_535).host()).isEqualTo("10.1.255.255");
        assertThat(space.targetsText()).isEqualTo("10.1.0.0/16");
    }

    @Test
    void cidrEdgePrefixes() {
        assertThat(targets("10.1.2.3/32").addressCount()).isEqualTo(1);
        assertThat(AddressSpace.stored("0.0.0.0/0", "", "25").addressCount()).isEqualTo(1L << 32);
    }

    @Test
    void dashRange() {
        AddressSpace space = targets("10.0.0.250-10.0.1.5");
        assertThat(space.addressCount()).isEqualTo(12);
        assertThat(space.endpointAt(6).host()).isEqualTo("10.0.1.0");
        assertThat(space.targetsText()).isEqualTo("10.0.0.250-10.0.1.5");
    }

    @Test
    void dashRangeWithSpacesAroundTheDash() {
        assertThat(targets("10.0.0.1 - 10.0.0.4").addressCount()).isEqualTo(4);
    }

    @Test
    void octetPatternContiguous() {
        AddressSpace space = targets("192.168.0-255.*");
        assertThat(space.addressCount()).isEqualTo(65_536);
        assertThat(space.ranges()).hasSize(1);
        assertThat(space.targetsText()).isEqualTo("192.168.0.0/16");
    }

    @Test
    void octetPatternRangeInLastOctet() {
        AddressSpace space = targets("10.0.0.1-10");
        assertThat(space.addressCount()).isEqualTo(10);
        assertThat(space.targetsText()).isEqualTo("10.0.0.1-10.0.0.10");
    }

    @Test
    void octetPatternWithGapsBecomesSeveralRanges() {
        AddressSpace space = targets("10.1-2.*.7");
        // one range per combination of the two partial octets' prefix: 2 x 256 single addresses
        assertThat(space.addressCount()).isEqualTo(512);
        assertThat(space.ranges()).hasSize(512);
        assertThat(space.endpointAt(0).host()).isEqualTo("10.1.0.7");
        assertThat(space.endpointAt(1).host()).isEqualTo("10.1.1.7");
        assertThat(space.endpointAt(256).host()).isEqualTo("10.2.0.7");
        assertThat(space.endpointAt(511).host()).isEqualTo("10.2.255.7");
    }

    @Test
    void octetPatternAllWildcards() {
        assertThat(targets("*.*.*.*").targetsText()).as("special addresses skipped")
                .isEqualTo("1.0.0.0-223.255.255.255");
    }

    @Test
    void listsSeparatedByCommasWhitespaceNewlinesWithComments() {
        AddressSpace space = targets("10.0.0.1,10.0.0.3\n10.0.0.5 \t10.0.0.7 # the last one\n# nothing here\n");
        assertThat(space.addressCount()).isEqualTo(4);
        assertThat(space.targetsText()).isEqualTo("10.0.0.1, 10.0.0.3, 10.0.0.5, 10.0.0.7");
    }

    @Test
    void overlapsAndNeighboursMerge() {
        AddressSpace space = targets("10.0.0.0/25, 10.0.0.100-10.0.0.200, 10.0.0.201, 10.0.0.128/25, 10.0.0.5");
        assertThat(space.ranges()).hasSize(1);
        assertThat(space.addressCount()).isEqualTo(256);
        assertThat(space.targetsText()).isEqualTo("10.0.0.0/24");
    }

    @Test
    void exclusionsSubtract() {
        AddressSpace space = AddressSpace.parse("10.0.0.0/24", "10.0.0.0, 10.0.0.10-10.0.0.19, 10.0.0.255, 192.0.2.1", "25");
        assertThat(space.addressCount()).isEqualTo(256 - 1 - 10 - 1);
        assertThat(space.targetsText()).isEqualTo("10.0.0.1-10.0.0.9, 10.0.0.20-10.0.0.254");
        assertThat(space.contains(Literal.v4("10.0.0.15"))).isFalse();
        assertThat(space.contains(Literal.v4("10.0.0.20"))).isTrue();
    }

    @Test
    void exclusionSplittingSeveralRangesAtOnce() {
        AddressSpace space = AddressSpace.parse("10.0.0.0/24, 10.0.2.0/24, 10.0.4.0/24", "10.0.0.128-10.0.4.127", "25");
        assertThat(space.targetsText()).isEqualTo("10.0.0.0/25, 10.0.4.128/25");
    }

    @Test
    void ipv6LiteralsAndCidr() {
        assertThat(targets("::1").endpointAt(0)).hasToString("[::1]:25");
        AddressSpace block = targets("2001:db8::/120");
        assertThat(block.addressCount()).isEqualTo(256);
        assertThat(block.endpointAt(255).host()).isEqualTo("2001:db8::ff");
        assertThat(targets("::1/128").targetsText()).isEqualTo("::1");
        assertThat(targets("2001:DB8:0:0:1:0:0:1").targetsText()).isEqualTo("2001:db8::1:0:0:1");
    }

    @Test
    void ipv6RangeAndEmbeddedIpv4() {
        AddressSpace range = targets("2001:db8::fffe-2001:db8::1:1");
        assertThat(range.addressCount()).isEqualTo(4);
        assertThat(range.endpointAt(2).host()).isEqualTo("2001:db8::1:0");
        assertThat(targets("64:ff9b::192.0.2.1").targetsText()).isEqualTo("64:ff9b::c000:201");
    }

    @Test
    void hugeIpv6BlockKeepsConstantMemoryAndIndexes() {
        AddressSpace space = targets("2001:db8::/66");
        assertThat(space.ranges()).hasSize(1);
        assertThat(space.addressCount()).isEqualTo(1L << 62);
        assertThat(space.endpointAt((1L << 62) - 1).host()).isEqualTo("2001:db8::3fff:ffff:ffff:ffff");
    }

    @Test
    void ipv4SortsBeforeIpv6AndFamiliesDoNotMerge() {
        AddressSpace space = targets("::1, 127.0.0.1, ::, 0.0.0.0");
        assertThat(space.targetsText()).isEqualTo("0.0.0.0, 127.0.0.1, ::/127");
        assertThat(space.endpointAt(0).host()).isEqualTo("0.0.0.0");
        assertThat(space.endpointAt(1).host()).isEqualTo("127.0.0.1");
        assertThat(space.endpointAt(2).host()).isEqualTo("::");
        assertThat(space.endpointAt(3).host()).isEqualTo("::1");
    }

    @Test
    void portsSingleListAndRanges() {
        assertThat(AddressSpace.parse("10.0.0.1", null, "25").ports()).containsExactly(25);
        AddressSpace space = AddressSpace.parse("10.0.0.1", "", "587, 25 2525-2527,25\n65535 1");
        assertThat(space.ports()).containsExactly(1, 25, 587, 2525, 2526, 2527, 65535);
        assertThat(space.portsText()).isEqualTo("1,25,587,2525-2527,65535");
    }

    @Test
    void canonicalTextParsesBackToTheSameSpace() {
        AddressSpace original = AddressSpace.parse(
                "10.1-3.*.9, 192.168.0.0/23, 172.16.0.3-172.16.0.77, ::1, 2001:db8::/126", "192.168.1.0/26", "25,2525-2530");
        AddressSpace again = AddressSpace.parse(original.targetsText(), null, original.portsText());
        assertThat(again).isEqualTo(original);
        assertThat(again.targetsText()).isEqualTo(original.targetsText());
        assertThat(again.size()).isEqualTo(original.size());
    }

    @Test
    void rangesAreExposedAsNumberPairs() {
        List<AddressRange> ranges = targets("10.0.0.0/30").ranges();
        assertThat(ranges).singleElement().satisfies(range -> {
            assertThat(range.v6()).isFalse();
            assertThat(range.first().longValue()).isEqualTo(0x0a000000L);
            assertThat(range.last().longValue()).isEqualTo(0x0a000003L);
        });
    }
}
