package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.smtprc.probe.ScriptedSmtpServer.CONNECT;
import static org.smtprc.probe.ScriptedSmtpServer.SILENCE;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Endpoint;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

class ProbeEngineTest {

    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(20))
            .forms(Battery.builtIn().profile("quick")).build();

    private ScriptedSmtpServer server;
    private Lab lab;

    @AfterEach
    void stopServers() throws IOException {
        if (server != null) {
            server.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static ProbeEngine engine(int maxInFlight, Duration closeGrace) {
        return new ProbeEngine(maxInFlight, closeGrace, HostConversation.Limits.defaults(), ProbeGates.Limits.none());
    }

    private static ProbeSettings budget(Duration budget) {
        return TestProbeSettings.from(SETTINGS).timeouts(Duration.ofMillis(300), Duration.ofSeconds(10), budget).build();
    }

    @Test
    void submitRunsAheadOfTheSlotsOnlySoFarAndEveryProbeFinishes() throws Exception {
        CountDownLatch greet = new CountDownLatch(1);
        server = ScriptedSmtpServer.start(openRelayExcept(command -> {
            if (command.equals(CONNECT)) {
                try {
                    greet.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return command.startsWith("RCPT") ? "550 5.7.1 relaying denied" : null;
        }));
        try (ProbeEngine engine = engine(2, ProbeEngine.CLOSE_GRACE)) {
            int admitted = 2 * ProbeEngine.ADMITTED_PER_SLOT;
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < admitted; i++) {
                probes.add(engine.submit(server.endpoint(), SETTINGS));
            }
            CompletableFuture<Probe> beyond = CompletableFuture.supplyAsync(
                    () -> engine.submit(server.endpoint(), SETTINGS));

            await().atMost(Duration.ofSeconds(2)).until(() -> server.connections() == 2);
            Thread.sleep(200);
            assertThat(server.connections()).as("two slots, two conversations").isEqualTo(2);
            assertThat(beyond).as("a submit beyond %d admitted probes waits", admitted).isNotDone();

            greet.countDown();
            probes.add(beyond.get(5, TimeUnit.SECONDS));
            for (Probe probe : probes) {
                assertThat(probe.outcome().get(5, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.SECURED);
            }
            assertThat(server.connections()).isEqualTo(admitted + 1);
            await("finished probes give back what they held").atMost(Duration.ofSeconds(1))
                    .until(() -> engine.live() == 0);
        }
    }

    /**
     * One network's gate is full (one probe per /24, and it is busy with a silent host) and its second probe waits:
     * a probe of another network still gets the second server-wide slot. Were the slot taken before the gate, the
     * waiting probe would hold it and the other network's submit would wait as long as the silent host.
     */
    @Test
    void aProbeOfAnotherNetworkGoesOnWhileOneNetworksGateIsFull() throws Exception {
        lab = Lab.builder().port(0).host("127.0.20.1", Personality.SILENT).host("127.0.20.2", Personality.SILENT)
                .host("127.0.21.1", Personality.CLOSED).start();
        ProbeSettings patient = budget(Duration.ofSeconds(8));
        try (ProbeEngine engine = new ProbeEngine(2, Duration.ofMillis(100), HostConversation.Limits.defaults(),
                new ProbeGates.Limits(1, 1, 0))) {
            Probe busy = engine.submit(labHost(127, 0, 20, 1), patient);
            Probe waiting = engine.submit(labHost(127, 0, 20, 2), patient);
            await().atMost(Duration.ofSeconds(2)).until(() -> lab.connections("127.0.20.1") == 1);

            long start = System.nanoTime();
            HostOutcome other = CompletableFuture.supplyAsync(() -> engine.submit(labHost(127, 0, 21, 1), patient))
                    .thenCompose(Probe::outcome).get(4, TimeUnit.SECONDS);

            assertThat(other.verdict()).as(other.detail()).isEqualTo(Verdict.SECURED);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
            assertThat(busy.outcome()).as("the silent host still holds its network").isNotDone();
            assertThat(lab.connections("127.0.20.2")).as("its network's second probe still waits").isZero();
            assertThat(waiting.outcome()).isNotDone();
        }
    }

    @Test
    void cancellingAProbesOutcomeClosesItsConnection() throws Exception {
        server = ScriptedSmtpServer.start(command -> SILENCE);
        try (ProbeEngine engine = engine(4, ProbeEngine.CLOSE_GRACE)) {
            Probe probe = engine.submit(server.endpoint(), SETTINGS);
            await().atMost(Duration.ofSeconds(2)).until(() -> server.openSessions() == 1);

            probe.outcome().cancel(true);

            await().atMost(Duration.ofSeconds(1)).until(() -> server.openSessions() == 0);
            await().atMost(Duration.ofSeconds(1)).until(() -> engine.live() == 0);
        }
    }

    @Test
    void closeStopsProbesThatOutlastTheGraceAndClosesTheirConnections() throws Exception {
        server = ScriptedSmtpServer.start(command -> SILENCE);
        ProbeEngine engine = engine(4, Duration.ofMillis(100));
        Probe stuck = engine.submit(server.endpoint(), SETTINGS);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.openSessions() == 1);

        long start = System.nanoTime();
        engine.close();
        HostOutcome report = stuck.outcome().get(2, TimeUnit.SECONDS);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.detail()).isEqualTo("the probe was stopped while waiting for the greeting");
        await().atMost(Duration.ofSeconds(1)).until(() -> server.openSessions() == 0);
        assertThatThrownBy(() -> engine.submit(server.endpoint(), SETTINGS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * A probe stuck where no socket can end it (here: a message composer that never returns) is abandoned by whoever
     * waits for it at its deadline plus the grace; its connection was closed at the deadline all the same.
     */
    @Test
    void awaitAbandonsAProbeThatOutlivesItsBudgetByTheGrace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageComposer stuckComposer = context -> {
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return "Subject: never composed\r\n\r\nnever sent\r\n";
        };
        server = ScriptedSmtpServer.start(openRelayExcept(command -> null));
        ProbeSettings settings = TestProbeSettings.from(budget(Duration.ofSeconds(1))).composer(stuckComposer).build();
        try (ProbeEngine engine = engine(4, Duration.ofMillis(100))) {
            Probe probe = engine.submit(server.endpoint(), settings);
            long start = System.nanoTime();
            HostOutcome report = probe.await(Duration.ofMillis(500));
            long waited = (System.nanoTime() - start) / 1_000_000;

            assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(report.detail()).isEqualTo(
                    "abandoned: the probe had not ended 500 ms after its host time budget of 1,000 ms ran out");
            assertThat(waited).isBetween(1_400L, 2_500L);
            assertThat(server.openSessions()).as("the watchdog closed the connection at the deadline").isZero();
        } finally {
            release.countDown();
        }
    }

    /** The wait for a probe starts with its turn: one that queued behind a slow probe still gets its whole budget. */
    @Test
    void awaitWaitsThroughTheProbesTurnBeforeItsBudgetCounts() throws Exception {
        lab = Lab.builder().port(0).host("127.0.22.1", Personality.SILENT).host("127.0.22.2", Personality.CLOSED)
                .start();
        try (ProbeEngine engine = engine(1, Duration.ofMillis(100))) {
            engine.submit(labHost(127, 0, 22, 1), budget(Duration.ofMillis(1_500)));
            Probe queued = engine.submit(labHost(127, 0, 22, 2), budget(Duration.ofMillis(1_000)));

            long start = System.nanoTime();
            HostOutcome report = queued.await(Duration.ofMillis(200));

            assertThat((System.nanoTime() - start) / 1_000_000).as("it waited its turn").isGreaterThan(1_200);
            assertThat(report.verdict()).as(report.detail()).isEqualTo(Verdict.SECURED);
        }
    }

    @Test
    void refusesAnEngineThatCouldNeverProbe() {
        assertThatThrownBy(() -> engine(0, ProbeEngine.CLOSE_GRACE)).isInstanceOf(IllegalArgumentException.class);
    }

    private Endpoint labHost(int a, int b, int c, int d) {
        return new Endpoint(Loopback.ipv4(a, b, c, d), lab.port());
    }
}
