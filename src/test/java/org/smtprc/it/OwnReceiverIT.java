package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan never mistakes the scanner's own receiver for a relay: named on its own in the targets, it is probed, and
 * the receiver knows the scan's own EHLO name (not only smtprc.helo-name) and takes no mail from it; inside a wider
 * target it is not probed at all. Special addresses a target merely contains are skipped, and the scan says so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OwnReceiverIT {

    private static final int RECEIVER = SmtpRcDeployment.RECEIVER_PORT;
    private static final String OWN_HELO = "own-scan.smtprc.test";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private ScanApi api;

    @BeforeEach
    void connect() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @Test
    void ourReceiverNamedOnItsOwnAndScannedWithAScansOwnEhloNameIsNoRelay() throws Exception {
        long id = api.startScan("""
                {"targets": "127.0.0.1", "ports": "%d", "profile": "quick",
                 "options": {"heloName": "%s", "confirmationWindowMs": 3000}}""".formatted(RECEIVER, OWN_HELO));

        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(2), false);

        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        assertThat(scan.getJsonObject("counts").keySet()).containsExactly("SECURED");
        JsonObject host = api.get("api/scans/" + id + "/hosts").array().getJsonObject(0);
        assertThat(host.getString("verdict")).isEqualTo("SECURED");
        List<JsonObject> tests = host.getJsonArray("tests").getValuesAs(JsonObject.class);
        // greeted as OWN_HELO, not as smtprc.helo-name (scanner.smtprc.test), and still known as our own scanner
        assertThat(tests).isNotEmpty().allSatisfy(test -> assertThat(test.getString("transcript"))
                .contains("550 5.7.1 This is SmtpRC's own probe mailbox"));
        System.out.printf("own receiver scanned as %s: %s after %d ms, %d tests refused%n", OWN_HELO,
                host.getString("verdict"), host.getJsonNumber("durationMs").longValue(), tests.size());
    }

    @Test
    void inAWiderTargetOurReceiverIsNotProbedAndSpecialAddressesAreSkippedVisibly() throws Exception {
        // ::/127 is :: (unspecified, special) and ::1; 127.0.0.1 is our receiver's address, inside a block
        ScanApi.Reply started = api.post("api/scans", """
                {"targets": "127.0.0.0/31, ::/127", "exclude": "127.0.0.0", "ports": "%d",
                 "profile": "quick", "options": {"confirmationWindowMs": 0, "recordUnresponsive": true}}"""
                .formatted(RECEIVER));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String skipped = "1 special address skipped (never probed unless named on its own in the targets):"
                + " :: (unspecified: reaches the scanner's own machine)";
        assertThat(started.json().getString("skipped")).isEqualTo(skipped);
        assertThat(started.json().getString("targets")).isEqualTo("127.0.0.1, ::1");
        long id = started.json().getJsonNumber("id").longValue();

        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(2), false);

        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        assertThat(scan.getString("skipped")).isEqualTo(skipped);
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts").array().getValuesAs(JsonObject.class);
        assertThat(hosts).extracting(h -> h.getString("address")).containsExactlyInAnyOrder("127.0.0.1", "::1");
        JsonObject host = hosts.stream().filter(h -> h.getString("address").equals("127.0.0.1")).findFirst()
                .orElseThrow();
        JsonObject other = hosts.stream().filter(h -> h.getString("address").equals("::1")).findFirst().orElseThrow();
        assertThat(other.getString("verdict")).as("::1 is probed: nothing of ours listens there")
                .isIn("REFUSED", "UNREACHABLE");
        assertThat(host.getString("verdict")).isEqualTo("OUT_OF_SCOPE");
        assertThat(host.getString("detail")).isEqualTo("not connected: 127.0.0.1:" + RECEIVER
                + " is this scanner's own receiver; to probe it, write 127.0.0.1 on its own in the targets");
        assertThat(host.getJsonArray("tests")).isEmpty();
        System.out.printf("own receiver inside a block: %s after %d ms%n", host.getString("verdict"),
                host.getJsonNumber("durationMs").longValue());
        List<JsonObject> audit = api.get("api/audit?scan=" + id).array().getValuesAs(JsonObject.class);
        assertThat(audit).filteredOn(e -> e.getString("action").equals("SCAN_STARTED")).singleElement()
                .satisfies(e -> assertThat(e.getString("detail")).endsWith("; " + skipped));
    }
}
