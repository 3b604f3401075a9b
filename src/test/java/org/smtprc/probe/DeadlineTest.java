package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hard deadline on a real socket (127.0.24.1): closed when the budget passes or the probe is stopped. */
class DeadlineTest {

    private static final Watchdog WATCHDOG = new Watchdog();

    private ServerSocket listener;
    private Socket client;
    private Socket server;

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(Loopback.ipv4(127, 0, 24, 1), 0));
        client = new Socket();
        client.connect(listener.getLocalSocketAddress(), 1_000);
        server = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
        listener.close();
    }

    @Test
    void theGuardedConnectionIsClosedWhenTheBudgetPasses() {
        Deadline deadline = new Deadline(Duration.ofMillis(300), WATCHDOG);
        deadline.guard(client);

        await().atMost(Duration.ofSeconds(2)).until(client::isClosed);
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.stopped()).isFalse();
        assertThat(deadline.reason()).isEqualTo("the host time budget of 300 ms ran out");
        assertThatThrownBy(() -> deadline.timeoutMillis(Duration.ofSeconds(1)))
                .isInstanceOf(BudgetExhaustedException.class).hasMessage("host time budget used up");
    }

    @Test
    void stopClosesTheConnectionAtOnceAndSaysSo() {
        Deadline deadline = new Deadline(Duration.ofSeconds(60), WATCHDOG);
        deadline.guard(client);

        deadline.stop();

        assertThat(client.isClosed()).isTrue();
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.reason()).isEqualTo("the probe was stopped");
        assertThat(deadline.exhausted()).hasMessage("probe stopped");
    }

    @Test
    void aConnectionGuardedAfterTheDeadlineIsClosedAtOnce() {
        Deadline deadline = new Deadline(Duration.ofSeconds(60), WATCHDOG);
        deadline.stop();

        deadline.guard(client);

        assertThat(client.isClosed()).isTrue();
    }

    /** A probe that ends in time takes its alarm out of the queue: thousands in flight cost nothing more. */
    @Test
    void aReleasedDeadlineLeavesNoAlarmBehind() throws Exception {
        int before = WATCHDOG.pending();
        for (int i = 0; i < 1_000; i++) {
            new Deadline(Duration.ofSeconds(60), WATCHDOG).release();
        }
        Deadline released = new Deadline(Duration.ofMillis(100), WATCHDOG);
        released.guard(client);
        released.release();
        Thread.sleep(300);

        assertThat(WATCHDOG.pending()).isEqualTo(before);
        assertThat(client.isClosed()).as("a released deadline closes nothing").isFalse();
    }
}
