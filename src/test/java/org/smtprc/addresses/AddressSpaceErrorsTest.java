package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSpaceErrorsTest {

    private static void rejectsTarget(String targets, String... expectedParts) {
        assertThatThrownBy(() -> AddressSpace.parse(targets, null, "25"))
                .isInstanceOf(TargetSyntaxException.class)
                .message().contains(expectedParts);
    }

    @Test
    void octetOutOfRange() {
        assertThatThrownBy(() -> AddressSpace.parse("10.0.0.300", null, "25"))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessage("target \"10.0.0.300\": octet 300 is out of range 0-255");
    }

    @Test
    void cidrWithHostBitsNamesTheNetwork() {
        rejectsTarget("10.1.2.3/16", "target \"10.1.2.3/16\"", "host bits are set", "10.1.0.0/16");
        rejectsTarget("2001:db8::1/120", "\"2001:db8::1/120\"", "2001:db8::/120");
    }

    @Test
    void badPrefix() {
        rejectsTarget("10.0.0.0/33", "\"10.0.0.0/33\"", "prefix /33 is not a number 0-32");
        rejectsTarget("10.0.0.0/x", "prefix /x");
        rejectsTarget("10.0.0.0/8/8", "expected one \"/\"");
        rejectsTarget("::/129", "prefix /129 is not a number 0-128");
    }

    @Test
    void reversedRanges() {
        rejectsTarget("10.0.0.9-10.0.0.1", "\"10.0.0.9-10.0.0.1\"", "reversed", "10.0.0.1-10.0.0.9");
        rejectsTarget("10.0.9-1.*", "octet range 9-1 is reversed", "1-9");
        rejectsTarget("::9-::1", "reversed", "::1-::9");
    }

    @Test
    void hostNamesAreRefusedWithoutLookup() {
        rejectsTarget("mail.example.com", "target \"mail.example.com\": host names are not accepted: give an address, range or CIDR");
        rejectsTarget("localhost", "\"localhost\"", "host names are not accepted");
        rejectsTarget("*.example.com", "\"*.example.com\"", "host names are not accepted");
        rejectsTarget("10.0.0.1, smtp.example.net", "\"smtp.example.net\"", "host names are not accepted");
    }

    @Test
    void mistypedOctetIsNotTakenForAHostName() {
        rejectsTarget("10.0.0.x", "\"10.0.0.x\"", "octet \"x\" is not a number 0-255");
    }

    @Test
    void wrongNumberOfOctets() {
        rejectsTarget("10.0.0", "\"10.0.0\"", "four octets");
        rejectsTarget("10.0.0.1.2", "\"10.0.0.1.2\"", "four octets");
        rejectsTarget("10..0.1", "an octet is empty");
    }

    @Test
    void leadingZeroIsAmbiguous() {
        rejectsTarget("10.0.0.010", "octet \"010\" has a leading zero");
    }

    @Test
    void malformedOctetPatternPart() {
        rejectsTarget("10.0.1-2-3.*", "octet \"1-2-3\" is not n, n-m or *");
        rejectsTarget("10.0.**.1", "octet \"**\"");
    }

    @Test
    void portGivenWithTheAddress() {
        rejectsTarget("10.0.0.1:25", "\"10.0.0.1:25\"", "port in the ports list");
    }

    @Test
    void malformedIpv6() {
        rejectsTarget("1::2::3", "\"1::2::3\"", "\"::\" may appear only once");
        rejectsTarget("2001:db8:g::1", "\"g\" is not an IPv6 group");
        rejectsTarget("1:2:3:4:5:6:7", "expected 8 groups");
        rejectsTarget("1:2:3:4::5:6:7:8", "too many groups");
        rejectsTarget("fe80::1%eth0", "zone ids");
        rejectsTarget("::1-::2-::3", "expected an IPv6 address, a range a-b or a CIDR block");
    }

    @Test
    void ipv4MappedIpv6IsRefused() {
        rejectsTarget("::ffff:10.0.0.1", "IPv4-mapped", "write the IPv4 address");
    }

    @Test
    void octetPatternExpandingTooFarIsRefused() {
        rejectsTarget("*.*.*.1", "\"*.*.*.1\"", "16,777,216 separate ranges", "65,536");
    }

    @Test
    void manyItemsExpandingTooFarAreRefused() {
        rejectsTarget("10.*.*.1, 11.*.*.1", "\"11.*.*.1\"", "more than 65,536 separate ranges");
    }

    @Test
    void emptyTargets() {
        rejectsTarget("", "no targets given");
        rejectsTarget(" ,\n # only a comment", "no targets given");
        assertThatThrownBy(() -> AddressSpace.parse(null, null, "25")).hasMessageContaining("no targets given");
    }

    @Test
    void exclusionsThatRemoveEverything() {
        assertThatThrownBy(() -> AddressSpace.parse("10.0.0.0/30", "10.0.0.0/24", "25"))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessageContaining("the exclusions remove every target (10.0.0.0/30)");
    }

    @Test
    void badExclusionIsNamedAsSuch() {
        assertThatThrownBy(() -> AddressSpace.parse("10.0.0.0/24", "10.0.0.256", "25"))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessage("exclusion \"10.0.0.256\": octet 256 is out of range 0-255");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0           | port \"0\": \"0\" is not a port number 1-65535",
            "65536       | port \"65536\": \"65536\" is not a port number 1-65535",
            "smtp        | port \"smtp\": \"smtp\" is not a port number 1-65535",
            "25,-1       | port \"-1\": expected a port (25) or a port range (2525-2530)",
            "2530-2525   | port \"2530-2525\": the port range is reversed; write 2525-2530",
            "1-2-3       | port \"1-2-3\": expected a port (25) or a port range (2525-2530)",
            "9999999999  | port \"9999999999\": \"9999999999\" is not a port number 1-65535",
    })
    void badPorts(String ports, String message) {
        assertThatThrownBy(() -> AddressSpace.parse("10.0.0.1", null, ports))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void noPorts() {
        assertThatThrownBy(() -> AddressSpace.parse("10.0.0.1", null, " "))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessageContaining("no ports given");
    }

    @Test
    void endpointCountBeyondLongIsTooLarge() {
        assertThatThrownBy(() -> AddressSpace.parse("2001:db8::/32", null, "25"))
                .isInstanceOf(ScanTooLargeException.class)
                .hasMessageContaining("endpoints");
        assertThatThrownBy(() -> AddressSpace.parse("2001:db8::/66", null, "25,26"))
                .isInstanceOf(ScanTooLargeException.class);
    }

    @Test
    void requireAtMost() {
        AddressSpace space = AddressSpace.parse("10.1.0.0/16", null, "25");
        space.requireAtMost(65_536);
        assertThatThrownBy(() -> space.requireAtMost(4_096))
                .isInstanceOf(ScanTooLargeException.class)
                .hasMessageStartingWith("scan of 65,536 addresses exceeds the limit of 4,096; ");
    }
}
