package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtprc.addresses.OwnReceiver;
import org.smtprc.addresses.Scope;

/**
 * The probe's own scope guard: an endpoint outside the networks it was given, or the scanner's own receiver that the
 * scan did not name on its own, is never connected to.
 */
class ProbeScopeTest {

    /** Holds the host budgets of this class's probes. */
    private static final Watchdog WATCHDOG = new Watchdog();

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedSmtpServer.start(openRelayExcept(command -> null));
    }

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private HostOutcome probe(Scope scope) {
        ProbeSettings settings = TestProbeSettings.of("probe.lab").timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(10))
                .scope(scope).build();
        return new HostConversation(server.endpoint(), settings, HostConversation.Limits.defaults(), WATCHDOG).run();
    }

    @Test
    void anEndpointOutsideTheScopeIsSkippedWithoutAConnection() {
        HostOutcome outcome = probe(Scope.parse("127.0.0.2-127.255.255.255, ::1"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(outcome.detail()).isEqualTo("not connected: 127.0.0.1 is outside the authorised networks "
                + "127.0.0.2-127.255.255.255, ::1");
        assertThat(outcome.tests()).isEmpty();
        assertThat(server.connections()).isZero();
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void theScannersOwnReceiverIsSkippedWithoutAConnection() {
        Scope sparing = Scope.loopback().sparing(OwnReceiver.at("127.0.0.1", server.endpoint().port()));

        HostOutcome outcome = probe(sparing);

        assertThat(outcome.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(outcome.detail()).isEqualTo("not connected: " + server.endpoint()
                + " is this scanner's own receiver; to probe it, write 127.0.0.1 on its own in the targets");
        assertThat(server.connections()).isZero();
    }

    @Test
    void theScannersOwnReceiverNamedOnItsOwnIsProbed() {
        OwnReceiver named = OwnReceiver.at("127.0.0.1", server.endpoint().port()).except("127.0.0.1");
        Scope sparing = Scope.loopback().sparing(named);

        assertThat(probe(sparing).verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(server.connections()).isPositive();
    }

    @Test
    void anEndpointInsideTheScopeIsProbedAsUsual() {
        HostOutcome outcome = probe(Scope.parse("127.0.0.1"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(server.connections()).isPositive();
    }

    @Test
    void theEngineSkipsEndpointsOutsideTheScopeToo() throws Exception {
        ProbeSettings settings = TestProbeSettings.of("probe.lab").timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(10))
                .scope(Scope.parse("::1")).build();
        try (ProbeEngine engine = new ProbeEngine(4, 1, 4, 0, 8)) {
            HostOutcome outcome = engine.submit(server.endpoint(), settings).outcome().get();

            assertThat(outcome.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        }
        assertThat(server.connections()).isZero();
    }
}
