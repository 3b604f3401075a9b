package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.smtprc.probe.ScriptedSmtpServer.CONNECT;
import static org.smtprc.probe.ScriptedSmtpServer.SILENCE;
import static org.smtprc.probe.ScriptedSmtpServer.openRelayExcept;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeEngineTest {

    private static final ProbeSettings SETTINGS = TestProbeSettings.of("probe.lab")
            .timeouts(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(20))
            .forms(Battery.builtIn().profile("quick")).build();

    private ScriptedSmtpServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static ProbeEngine engine(int maxInFlight, Duration closeGrace) {
        return new ProbeEngine(maxInFlight, closeGrace, HostConversation.Limits.defaults(), ProbeGates.Limits.none());
    }

    @Test
    void submitWaitsForAFreeSlotAndEveryProbeFinishes() throws Exception {
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
            CompletableFuture<HostOutcome> first = engine.submit(server.endpoint(), SETTINGS);
            CompletableFuture<HostOutcome> second = engine.submit(server.endpoint(), SETTINGS);
            CompletableFuture<CompletableFuture<HostOutcome>> third =
                    CompletableFuture.supplyAsync(() -> engine.submit(server.endpoint(), SETTINGS));

            await().atMost(Duration.ofSeconds(2)).until(() -> server.connections() == 2);
            Thread.sleep(200);
            assertThat(third).as("the third submit waits while two probes run").isNotDone();
            assertThat(server.connections()).isEqualTo(2);

            greet.countDown();
            List<HostOutcome> reports = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS),
                    third.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS));

            assertThat(reports).extracting(HostOutcome::verdict).containsOnly(Verdict.SECURED);
            assertThat(server.connections()).isEqualTo(3);
            CompletableFuture<HostOutcome> afterwards = CompletableFuture.supplyAsync(
                    () -> engine.submit(server.endpoint(), SETTINGS).join());
            assertThat(afterwards.get(5, TimeUnit.SECONDS).verdict()).as("finished probes gave their slots back")
                    .isEqualTo(Verdict.SECURED);
        }
    }

    @Test
    void closeInterruptsProbesThatOutlastTheGrace() throws Exception {
        server = ScriptedSmtpServer.start(command -> SILENCE);
        ProbeEngine engine = engine(4, Duration.ofMillis(100));
        CompletableFuture<HostOutcome> stuck = engine.submit(server.endpoint(), SETTINGS);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.connections() == 1);

        long start = System.nanoTime();
        engine.close();
        HostOutcome report = stuck.get(2, TimeUnit.SECONDS);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(report.verdict()).isEqualTo(Verdict.NO_GREETING);
        assertThatThrownBy(() -> engine.submit(server.endpoint(), SETTINGS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void refusesAnEngineThatCouldNeverProbe() {
        assertThatThrownBy(() -> engine(0, ProbeEngine.CLOSE_GRACE)).isInstanceOf(IllegalArgumentException.class);
    }
}
