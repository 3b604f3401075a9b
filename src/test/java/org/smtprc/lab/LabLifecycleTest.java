package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabLifecycleTest {

    @Test
    void closeFreesEveryPortAndEndsEveryThreadEvenWithSessionsOpen() throws Exception {
        Lab lab = Lab.fromSpec("127.0.7.1=silent,127.0.7.2=closed,127.0.7.3=tarpit,127.0.7.4=starttls-required")
                .port(0).tarpitDelay(Duration.ofSeconds(1)).start();
        int port = lab.port();
        RawSmtpClient silent = new RawSmtpClient("127.0.7.1", port);
        RawSmtpClient closed = new RawSmtpClient("127.0.7.2", port);
        RawSmtpClient tarpit = new RawSmtpClient("127.0.7.3", port);
        assertThat(closed.reply()).startsWith("220");
        // Each host accepts on its own thread: the silent and tarpit sessions may start a moment after closed's.
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(lab.runningThreads()).as("4 listeners and 3 sessions").isGreaterThanOrEqualTo(7));

        lab.close();

        assertThat(lab.runningThreads()).isZero();
        assertThat(closed.serverClosed()).isTrue();
        for (String address : new String[]{"127.0.7.1", "127.0.7.2", "127.0.7.3", "127.0.7.4"}) {
            try (ServerSocket rebound = new ServerSocket()) {
                rebound.bind(new InetSocketAddress(LoopbackBlock.inetAddress(LoopbackBlock.parseAddress(address, address)), port));
                assertThat(rebound.isBound()).isTrue();
            }
        }
        silent.close();
        closed.close();
        tarpit.close();
        lab.close();
    }

    @Test
    void aThousandHostsStartQuickly() throws Exception {
        long start = System.nanoTime();
        try (Lab lab = Lab.fromSpec("127.0.8.0/22=closed").port(0).start()) {
            long started = System.nanoTime();
            System.out.printf("lab: started %d hosts in %d ms%n", lab.hostCount(), (started - start) / 1_000_000);
            for (String address : new String[]{"127.0.8.0", "127.0.9.77", "127.0.11.255"}) {
                try (RawSmtpClient client = new RawSmtpClient(address, lab.port())) {
                    assertThat(client.reply()).startsWith("220 " + lab.hostName(address));
                }
                assertThat(lab.connections(address)).isEqualTo(1);
            }
            assertThat(lab.hostCount()).isEqualTo(1024);
            long closing = System.nanoTime();
            lab.close();
            System.out.printf("lab: closed %d hosts in %d ms%n", lab.hostCount(), (System.nanoTime() - closing) / 1_000_000);
            assertThat(lab.runningThreads()).isZero();
        }
    }
}
