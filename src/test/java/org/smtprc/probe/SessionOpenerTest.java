package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.probe.ScriptedSmtpServer.CONNECT;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtprc.addresses.Endpoint;
import org.smtprc.probe.SessionOpener.Failed;
import org.smtprc.probe.SessionOpener.Opened;
import org.smtprc.probe.SessionOpener.Opening;

class SessionOpenerTest {

    /** Holds the host budgets of this class's probes. */
    private static final Watchdog WATCHDOG = new Watchdog();

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(TIMEOUT, TIMEOUT, Duration.ofSeconds(5)).build();

    private ScriptedSmtpServer server;
    private SessionOpener opener;

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private Opening open(ScriptedSmtpServer.Script script) throws IOException {
        server = ScriptedSmtpServer.start(script);
        return open(server.endpoint());
    }

    private Opening open(Endpoint target) {
        opener = new SessionOpener(target, SETTINGS, HostConversation.Limits.defaults(),
                new Deadline(SETTINGS.hostBudget(), WATCHDOG));
        Opening opening = opener.open();
        if (opening instanceof Opened opened) {
            opened.connection().close();
        }
        return opening;
    }

    @Test
    void anEsmtpServerIsReadyForTestsAndHasIntroducedItself() throws IOException {
        Opening opening = open(openRelayExcept(command -> command.startsWith("EHLO")
                ? "250-mx.lab greets you\r\n250-PIPELINING\r\n250 8BITMIME" : null));

        assertThat(opening).isInstanceOf(Opened.class);
        assertThat(opener.banner()).isEqualTo("220 mx.lab ESMTP scripted");
        assertThat(opener.announcedName()).isEqualTo("mx.lab");
        assertThat(opener.capabilities().pipelining()).isTrue();
        assertThat(opener.tls()).isFalse();
        assertThat(opener.macros().name()).isEqualTo("mx.lab");
        assertThat(server.commands()).containsExactly("EHLO probe.lab");
    }

    @Test
    void ehloRefusedFallsBackToHeloWithoutCapabilities() throws IOException {
        Opening opening = open(openRelayExcept(command -> command.startsWith("EHLO") ? "500 5.5.1 say HELO" : null));

        assertThat(opening).isInstanceOf(Opened.class);
        assertThat(opener.capabilities()).isEqualTo(Capabilities.NONE);
        assertThat(server.commands()).containsExactly("EHLO probe.lab", "HELO probe.lab");
    }

    @Test
    void aRefusedIntroductionIsAVerdict() throws IOException {
        assertThat(open(openRelayExcept(command -> command.startsWith("EHLO") ? "421 4.3.2 busy" : null)))
                .isEqualTo(new Failed(Verdict.TEMPORARILY_UNAVAILABLE, "refused our EHLO: 421 4.3.2 busy"));
        server.close();
        assertThat(open(openRelayExcept(command -> command.startsWith("EHLO") ? "500 no"
                : command.startsWith("HELO") ? "550 5.7.1 not you" : null)))
                .isEqualTo(new Failed(Verdict.REJECTED_AT_GREETING, "refused our HELO: 550 5.7.1 not you"));
    }

    @Test
    void theGreetingDecidesHostsThatWillNotTalk() throws IOException {
        assertThat(open(command -> command.equals(CONNECT) ? "554 5.7.1 go away" : "221 bye"))
                .isEqualTo(new Failed(Verdict.REJECTED_AT_GREETING, "greeting: 554 5.7.1 go away"));
        assertThat(opener.banner()).isEqualTo("554 5.7.1 go away");
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket vacated = new ServerSocket(0, 1, Loopback.ipv4(127, 0, 0, 1))) {
            port = vacated.getLocalPort();
        }

        assertThat(open(Loopback.endpoint(port))).isEqualTo(new Failed(Verdict.REFUSED, "connection refused"));
    }

    @Test
    void startsTlsWhenOfferedAndAsksForCapabilitiesAgain(@TempDir Path dir) throws Exception {
        SSLContext tls = LabCertificate.serverContext(dir);
        AtomicInteger ehlos = new AtomicInteger();
        server = ScriptedSmtpServer.startWithTls(openRelayExcept(command -> command.startsWith("EHLO")
                ? (ehlos.incrementAndGet() == 1 ? "250-mx.lab\r\n250 STARTTLS" : "250-mx.lab\r\n250 PIPELINING")
                : command.equals("STARTTLS") ? "220 2.0.0 go ahead" : null), tls);

        assertThat(open(server.endpoint())).isInstanceOf(Opened.class);
        assertThat(opener.tls()).isTrue();
        assertThat(opener.capabilities().pipelining()).isTrue();
        assertThat(server.commands()).containsExactly("EHLO probe.lab", "STARTTLS", "EHLO probe.lab");
    }

    @Test
    void aFailedHandshakeIsRememberedAndTheSessionOpensAgainWithoutTls() throws IOException {
        Opening opening = open(openRelayExcept(command -> command.startsWith("EHLO") ? "250-mx.lab\r\n250 STARTTLS"
                : command.equals("STARTTLS") ? "220 2.0.0 ready, but no TLS here" : null));

        assertThat(opening).isInstanceOf(Opened.class);
        assertThat(opener.tls()).isFalse();
        assertThat(opener.tlsFailure()).isNotBlank();
        assertThat(server.connections()).isEqualTo(2);
    }
}
