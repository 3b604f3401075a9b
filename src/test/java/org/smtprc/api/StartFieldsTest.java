package org.smtprc.api;

import org.junit.jupiter.api.Test;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.OutOfScopeException;
import org.smtprc.probe.UnknownProfileException;
import org.smtprc.scan.InvalidScanRequestException;
import org.smtprc.scan.ScanRequest;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A start's refusal names the field it is about, so that the console shows it next to that field. */
class StartFieldsTest {

    private static ScanRequest request(String targets, String exclude, String ports) {
        return new ScanRequest(targets, exclude, ports, null, null);
    }

    /** What the service would throw for this request's syntax. */
    private static IllegalArgumentException parsing(ScanRequest request) {
        return catchThrowableOfType(IllegalArgumentException.class,
                () -> AddressSpace.parse(request.targets(), request.exclude(), request.ports()));
    }

    @Test
    void aSyntaxErrorIsBlamedOnTheFieldThatDoesNotParse() {
        ScanRequest badPorts = request("192.0.2.0/24", "", "25,99999");
        ScanRequest badExclude = request("192.0.2.0/24", "192.0.2.300", "25");
        ScanRequest badTargets = request("192.0.2.0/33", "", "25");

        assertThat(StartFields.blame(badPorts, parsing(badPorts))).contains("ports");
        assertThat(StartFields.blame(badExclude, parsing(badExclude))).contains("exclude");
        assertThat(StartFields.blame(badTargets, parsing(badTargets))).contains("targets");
    }

    @Test
    void scopeProfileAndOptionsNameTheirField() {
        ScanRequest any = request("192.0.2.1", "", "25");
        assertThat(StartFields.blame(any, new OutOfScopeException("192.0.2.1 is outside"))).contains("targets");
        assertThat(StartFields.blame(any, new UnknownProfileException("fast", Set.of("quick"))))
                .contains("profile");
        assertThat(StartFields.blame(any, new InvalidScanRequestException("options.connectTimeoutMs = 0 is out of"
                + " range: use 1 to 60000"))).contains("options.connectTimeoutMs");
        assertThat(StartFields.blame(any, new IllegalStateException("disk full"))).isEmpty();
    }
}
