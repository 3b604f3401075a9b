package org.smtprc.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtprc.lab.ConnectionFlood;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver with its default limits under the flood of issue 13: 1,000 idle connections from one address
 * and 2,000 from 500 addresses (reopened a second after the server drops them), while 100 relays deliver.
 * Every relay gets its 250, and the heap stays bounded. Prints the figures for the README.
 */
class ReceiverFloodTest {

    private static final int RELAYS = 100;
    private static final long MIB = 1024 * 1024;
    private final AtomicInteger delivered = new AtomicInteger();
    private SmtpReceiver receiver;
    private ConnectionFlood flood;

    @AfterEach
    void stop() throws InterruptedException {
        if (flood != null) {
            flood.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyRelayDeliversWhileAFloodHoldsTheReceiver() throws Exception {
        receiver = new SmtpReceiver(new ReceiverSettings(ReceiverClient.LOOPBACK, 0, "probe.test", "receiver.test",
                new ReceiverLimits(256 * 1024, 1_000, 20, Duration.ofSeconds(60), Duration.ofMinutes(5),
                        Duration.ofMinutes(2), 64 * MIB)), mail -> delivered.incrementAndGet());
        receiver.start();
        long heapBefore = heapUsedAfterGc();

        long floodStarted = System.nanoTime();
        flood = ConnectionFlood.to(new InetSocketAddress(ReceiverClient.LOOPBACK, receiver.port()))
                .from("127.0.32.1", 1_000)
                .fromEach("127.0.33.1", 500, 4)
                .reopenAfter(Duration.ofSeconds(1))
                .start();
        assertThat(flood.awaitSettled(Duration.ofMinutes(2))).as(flood.toString()).isTrue();
        Duration floodSettled = Duration.ofNanos(System.nanoTime() - floodStarted);
        Thread.sleep(SessionTable.DISPLACEABLE_AFTER.toMillis() + 500);
        assertThat(receiver.sessions()).as("the flood fills the receiver").isEqualTo(1_000);
        long heldBefore = flood.held();

        long relaysStarted = System.nanoTime();
        List<String> replies = deliverFromRelays();
        Duration relaysTook = Duration.ofNanos(System.nanoTime() - relaysStarted);
        long heapDuring = heapUsedAfterGc();

        System.out.printf("flood settled in %d ms, holding %d sessions; %d relays delivered in %d ms; receiver: %d"
                        + " sessions, %d refused, %d displaced; %s; heap used %d MiB before, %d MiB during the flood"
                        + " (after GC)%n", floodSettled.toMillis(), heldBefore, RELAYS, relaysTook.toMillis(),
                receiver.sessions(), receiver.refused(), receiver.displaced(), flood, heapBefore / MIB, heapDuring / MIB);
        assertThat(replies).hasSize(RELAYS).allMatch(reply -> reply != null && reply.startsWith("250 "));
        assertThat(delivered.get()).isEqualTo(RELAYS);
        assertThat(flood.held()).as("the flood still holds most of the receiver").isGreaterThan(500);
        assertThat(receiver.sessions()).isLessThanOrEqualTo(1_000);
        assertThat(heapDuring - heapBefore).as("heap growth, bytes").isLessThan(128 * MIB);
        assertThat(receiver.bufferedBytes()).isZero();
    }

    private List<String> deliverFromRelays() throws Exception {
        try (ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> replies = new ArrayList<>();
            for (int r = 1; r <= RELAYS; r++) {
                int last = r;
                replies.add(relays.submit(() -> {
                    try (ReceiverClient relay = new ReceiverClient(ReceiverClient.loopback(0, 35, last), receiver.port())) {
                        return relay.deliver("relaytest@probe.test", "Subject: relay " + last + "\r\n\r\nproof");
                    } catch (IOException e) {
                        return e.toString();
                    }
                }));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> reply : replies) {
                answers.add(reply.get());
            }
            return answers;
        }
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
