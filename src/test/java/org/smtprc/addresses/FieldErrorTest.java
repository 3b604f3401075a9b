package org.smtprc.addresses;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A refusal of a scan's address lists names the request's field it came from, where it is raised. */
class FieldErrorTest {

    private static String fieldOf(String targets, String exclude, String ports) {
        return catchThrowableOfType(TargetSyntaxException.class, () -> AddressSpace.parse(targets, exclude, ports))
                .field();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.0/33  |             | 25       | targets",
            "mail.example  |             | 25       | targets",
            "              |             | 25       | targets",
            "192.0.2.0/24  | 192.0.2.300 | 25       | exclude",
            "192.0.2.0/24  | 192.0.2.0/24| 25       | exclude",
            "192.0.2.0/24  |             | 25,99999 | ports",
            "192.0.2.0/24  |             | 587-25   | ports",
            "192.0.2.0/24  |             | ,        | ports"})
    void aSyntaxErrorNamesTheListItCameFrom(String targets, String exclude, String ports, String field) {
        assertThat(fieldOf(targets, exclude, ports)).isEqualTo(field);
    }

    @Test
    void outOfScopeAndTooLargeAreAboutTheTargets() {
        AddressSpace space = AddressSpace.parse("192.0.2.0/24", null, "25");
        assertThat(catchThrowableOfType(OutOfScopeException.class, () -> Scope.loopback().check(space)).field())
                .isEqualTo("targets");
        assertThat(catchThrowableOfType(ScanTooLargeException.class, () -> space.requireAtMost(10)).field())
                .isEqualTo("targets");
    }

    @Test
    void listsThatAreNoScanRequestsFieldNameNone() {
        assertThat(catchThrowableOfType(TargetSyntaxException.class, () -> Scope.parse("192.0.2.300/24")).field())
                .isNull();
        assertThat(catchThrowableOfType(TargetSyntaxException.class, () -> HostAddress.parse("192.0.2.0/24")).field())
                .isNull();
    }
}
