package org.smtprc.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The receiver under abuse, over real sockets from 127.0.30.x: caps, deadlines and the memory budget hold. */
class ReceiverLimitsTest {

    private static final String PROBE = "relaytest@probe.test";
    private final List<ReceivedMail> delivered = new CopyOnWriteArrayList<>();
    private final List<ReceiverClient> clients = new ArrayList<>();
    private SmtpReceiver receiver;

    @AfterEach
    void stop() throws IOException {
        for (ReceiverClient client : clients) {
            client.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(ReceiverLimits limits) throws IOException {
        receiver = new SmtpReceiver(new ReceiverSettings(ReceiverClient.LOOPBACK, 0, "probe.test", "receiver.test",
                limits), delivered::add);
        receiver.start();
    }

    private static ReceiverLimits limits(int max, int perClient, Duration session, Duration data, long buffered) {
        return new ReceiverLimits(40 * 1024, max, perClient, Duration.ofSeconds(10), session, data, buffered);
    }

    private ReceiverClient connect(InetAddress source) throws IOException {
        ReceiverClient client = new ReceiverClient(source, receiver.port());
        clients.add(client);
        return client;
    }

    private static InetAddress lab(int last) {
        return ReceiverClient.loopback(0, 30, last);
    }

    @Test
    void oneAddressGetsNoMoreSessionsThanItsCap() throws Exception {
        start(limits(100, 2, Duration.ofMinutes(1), Duration.ofMinutes(1), 1 << 20));
        assertThat(connect(lab(1)).read()).startsWith("220");
        assertThat(connect(lab(1)).read()).startsWith("220");
        assertThat(connect(lab(1)).read()).isEqualTo(SessionTable.TOO_MANY_FROM_CLIENT);
        assertThat(connect(lab(2)).read()).startsWith("220");
        assertThat(receiver.refused()).isEqualTo(1);
    }

    @Test
    void atTheGlobalCapAnIdleFloodGivesWayToARelay() throws Exception {
        start(limits(5, 5, Duration.ofMinutes(1), Duration.ofMinutes(1), 1 << 20));
        List<ReceiverClient> flood = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flood.add(connect(lab(3)));
            assertThat(flood.getLast().read()).startsWith("220");
        }
        Thread.sleep(SessionTable.DISPLACEABLE_AFTER.toMillis() + 200);

        try (ReceiverClient relay = new ReceiverClient(lab(4), receiver.port())) {
            assertThat(relay.deliver(PROBE, "Subject: proof\r\n\r\nbody")).startsWith("250");
        }

        assertThat(delivered).hasSize(1);
        assertThat(receiver.displaced()).isEqualTo(1);
        List<String> told = new ArrayList<>();
        for (ReceiverClient idle : flood) {
            told.add(idle.readIfReady());
        }
        assertThat(told).containsOnlyOnce("421 4.4.5 receiver.test too many connections, closing this idle one")
                .containsOnly("421 4.4.5 receiver.test too many connections, closing this idle one", null);
    }

    @Test
    void aBusyClientIsEndedAtTheSessionDeadline() throws Exception {
        start(limits(10, 10, Duration.ofSeconds(1), Duration.ofMinutes(1), 1 << 20));
        ReceiverClient busy = connect(lab(5));
        busy.read();
        long started = System.nanoTime();
        String reply;
        do {
            busy.send("NOOP");
            reply = busy.read();
            Thread.sleep(100);
        } while (reply != null && reply.startsWith("250"));

        assertThat(reply).isEqualTo("421 4.4.2 receiver.test session time limit reached, closing connection");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
        assertThat(busy.read()).isNull();
    }

    @Test
    void aMessageDrippingInIsEndedAtTheDataDeadlineAndItsBytesAreGivenBack() throws Exception {
        start(limits(10, 10, Duration.ofMinutes(1), Duration.ofSeconds(1), 1 << 20));
        ReceiverClient dripping = connect(lab(6));
        dripping.read();
        openTransaction(dripping);
        long started = System.nanoTime();
        String reply = null;
        for (int i = 0; i < 50 && reply == null; i++) {
            dripping.send("line " + i + " of a message that never ends");
            Thread.sleep(100);
            reply = dripping.readIfReady();
        }

        assertThat(reply).isEqualTo("421 4.4.2 receiver.test message data too slow, closing connection");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
        assertThat(delivered).isEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.bufferedBytes() == 0 && receiver.sessions() == 0);
    }

    @Test
    void aClientThatNeverReadsIsCutOffSoonAfterTheDeadline() throws Exception {
        start(limits(10, 10, Duration.ofSeconds(1), Duration.ofMinutes(1), 1 << 20));
        long started = System.nanoTime();
        try (Socket deaf = new Socket(); ExecutorService writer = Executors.newSingleThreadExecutor()) {
            // a small window: the server's replies soon fill it, and its session blocks writing, deaf to any end
            deaf.setReceiveBufferSize(4_096);
            deaf.bind(new InetSocketAddress(lab(7), 0));
            deaf.connect(new InetSocketAddress(ReceiverClient.LOOPBACK, receiver.port()));
            OutputStream out = deaf.getOutputStream();
            byte[] noops = "NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            Future<IOException> cutOff = writer.submit(() -> {
                while (true) {
                    try {
                        out.write(noops);
                    } catch (IOException e) {
                        return e;
                    }
                }
            });
            assertThat(cutOff.get(20, TimeUnit.SECONDS)).as("the server closed the connection").isNotNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("deadline 1 s, and at most 2 s more")
                .isLessThan(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.sessions() == 0);
    }

    @Test
    void messagesBeyondTheMemoryBudgetGet452AndTheRestGoThrough() throws Exception {
        start(limits(10, 10, Duration.ofMinutes(1), Duration.ofMinutes(1), 64 * 1024));
        String body = ("x".repeat(1_022) + "\r\n").repeat(30);
        ReceiverClient first = connect(lab(8));
        ReceiverClient second = connect(lab(9));
        ReceiverClient third = connect(lab(10));
        long held = 0;
        for (ReceiverClient client : List.of(first, second, third)) {
            client.read();
            openTransaction(client);
            client.send(body.substring(0, body.length() - 2));
            long before = held;
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.bufferedBytes() > before
                    || client == third && receiver.bufferedBytes() == before);
            held = receiver.bufferedBytes();
        }
        assertThat(receiver.bufferedBytes()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(60 * 1024);

        ReceiverClient declaring = connect(lab(11));
        declaring.read();
        declaring.send("EHLO relay.test");
        declaring.readReply();
        declaring.send("MAIL FROM:<a@relay.test> SIZE=30000");
        assertThat(declaring.read()).isEqualTo("452 4.3.1 Insufficient system storage, try again later");

        third.send(".");
        assertThat(third.read()).isEqualTo("452 4.3.1 Insufficient system storage, try again later");
        first.send(".");
        assertThat(first.read()).startsWith("250");
        second.send(".");
        assertThat(second.read()).startsWith("250");
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.bufferedBytes() == 0);

        openTransaction(third);
        third.send(body + ".");
        assertThat(third.read()).as("once there is room again").startsWith("250");
        assertThat(delivered).hasSize(3);
    }

    private static void openTransaction(ReceiverClient client) throws IOException {
        client.send("EHLO relay.test");
        client.readReply();
        client.send("MAIL FROM:<a@relay.test>");
        assertThat(client.read()).startsWith("250");
        client.send("RCPT TO:<" + PROBE + ">");
        assertThat(client.read()).startsWith("250");
        client.send("DATA");
        assertThat(client.read()).startsWith("354");
    }
}
