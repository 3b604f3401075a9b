package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void loopbackIsTheDefaultScope() {
        Scope scope = Scope.loopback();
        assertThat(scope.describe()).isEqualTo("127.0.0.0/8, ::1");
        assertThat(scope.permits(Literal.v4("127.0.1.1"))).isTrue();
        assertThat(scope.permits(Literal.v4("127.255.255.255"))).isTrue();
        assertThat(scope.permits(Literal.v6Loopback())).isTrue();
        assertThat(scope.permits(Literal.v4("128.0.0.0"))).isFalse();
        assertThat(scope.permits(Literal.v4("10.0.0.1"))).isFalse();
    }

    @Test
    void aProbeIsRefusedOutsideTheNetworksAndAtTheScannersOwnReceiver() {
        Scope scope = Scope.loopback().sparing(OwnReceiver.at("127.0.0.1", 10025));

        assertThat(scope.refusal(new Endpoint(Literal.v4("192.0.2.1"), 25)))
                .hasValue("192.0.2.1 is outside the authorised networks 127.0.0.0/8, ::1");
        assertThat(scope.refusal(new Endpoint(Literal.v4("127.0.0.1"), 10025)))
                .hasValue("127.0.0.1:10025 is this scanner's own receiver; to probe it, write 127.0.0.1 on its own"
                        + " in the targets");
        assertThat(scope.refusal(new Endpoint(Literal.v4("127.0.0.1"), 25))).isEmpty();
        assertThat(Scope.loopback().refusal(new Endpoint(Literal.v4("127.0.0.1"), 10025)))
                .as("a scope that spares nothing").isEmpty();
    }

    @Test
    void loopbackScansPass() {
        Scope.loopback().check(AddressSpace.parse("127.0.1.1-127.0.1.200, ::1", null, "25"));
    }

    @Test
    void outsideTargetIsNamedWithTheAuthorisedNetworks() {
        AddressSpace space = AddressSpace.parse("127.0.0.1, 10.0.0.0/24, 192.0.2.1", null, "25");
        assertThatThrownBy(() -> Scope.loopback().check(space))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessageStartingWith("target 10.0.0.0/24 is outside the authorised networks 127.0.0.0/8, ::1;")
                .hasMessageContaining("ask the administrator");
    }

    @Test
    void partlyOutsideTargetNamesTheUnauthorisedPart() {
        Scope scope = Scope.parse("192.0.2.0/25");
        AddressSpace space = AddressSpace.parse("192.0.2.0/24", null, "25");
        assertThatThrownBy(() -> scope.check(space))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessageContaining("target 192.0.2.0/24 is partly outside (192.0.2.128/25 is not authorised)")
                .hasMessageContaining("192.0.2.0/25");
    }

    @Test
    void excludingTheOutsidePartMakesTheScanAcceptable() {
        Scope scope = Scope.parse("192.0.2.0/25");
        scope.check(AddressSpace.parse("192.0.2.0/24", "192.0.2.128/25", "25"));
    }

    @Test
    void firstOffendingRangeIsNamedEvenAfterAuthorisedOnes() {
        Scope scope = Scope.parse("10.0.0.0/8, 127.0.0.0/8");
        AddressSpace space = AddressSpace.parse("::1, 10.1.2.3, 127.0.0.1, 192.0.2.5-192.0.2.9, 10.2.*.7", null, "25");
        assertThatThrownBy(() -> scope.check(space))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessageStartingWith("target 192.0.2.5-192.0.2.9 is outside the authorised networks 10.0.0.0/8, 127.0.0.0/8;");
    }

    @Test
    void ipv6OutsideScope() {
        assertThatThrownBy(() -> Scope.loopback().check(AddressSpace.parse("::2", null, "25")))
                .isInstanceOf(OutOfScopeException.class)
                .hasMessageContaining("target ::2 is outside");
    }

    @Test
    void scopeSpanningSeveralNetworksCoversATargetAcrossThem() {
        Scope scope = Scope.parse("10.0.0.0/25\n10.0.0.128/25");
        scope.check(AddressSpace.parse("10.0.0.0/24", null, "25"));
        assertThat(scope.describe()).isEqualTo("10.0.0.0/24");
    }

    @Test
    void malformedScope() {
        assertThatThrownBy(() -> Scope.parse("10.0.0.1/8"))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessageStartingWith("authorised network \"10.0.0.1/8\": host bits are set");
        assertThatThrownBy(() -> Scope.parse(" "))
                .isInstanceOf(TargetSyntaxException.class)
                .hasMessageContaining("no authorised networks given");
    }

    @Test
    void countsTheAddressesOutside() {
        AddressSpace space = AddressSpace.parse("127.0.60.0/28, 192.0.2.0/30", null, "25,2525");
        assertThat(Scope.loopback().addressesOutside(space)).isEqualTo(4);
        assertThat(Scope.parse("127.0.60.0/29").addressesOutside(space)).isEqualTo(12);
        assertThat(Scope.parse("0.0.0.0/0").addressesOutside(space)).isZero();
    }

    @Test
    void countsWhatIsLeftToProbeOutside() {
        AddressSpace space = AddressSpace.parse("127.0.60.0/28, 127.0.61.0/30", null, "25,2525");
        AddressSpace left = space.addressesIn(List.of(new Block(0, 3, 9), new Block(1, 30, 40)));

        assertThat(left.targetsText()).isEqualTo("127.0.60.1-127.0.60.4, 127.0.60.15, 127.0.61.0/30");
        assertThat(left.addressCount()).isEqualTo(9);
        assertThat(Scope.parse("127.0.60.0/28").addressesOutside(left)).isEqualTo(4);
        assertThat(space.addressesIn(List.of()).addressCount()).isZero();
    }
}
