package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.smtprc.addresses.Endpoint;

class ProbeGatesTest {

    private static Endpoint endpoint(int c, int d, int port) throws Exception {
        return new Endpoint(InetAddress.getByAddress(new byte[]{127, 0, (byte) c, (byte) d}), port);
    }

    /** Admitted and entered: the probe may connect. */
    private static ProbeGates.Ticket enter(ProbeGates gates, Endpoint target) throws InterruptedException {
        ProbeGates.Ticket ticket = gates.admit(target);
        ticket.enter();
        return ticket;
    }

    /** Enters on a thread of its own; the future completes once the gate lets it in. */
    private static CompletableFuture<ProbeGates.Ticket> enterLater(ProbeGates gates, Endpoint target) {
        return later(() -> enter(gates, target));
    }

    private interface Waiting<T> {
        T get() throws InterruptedException;
    }

    private static <T> CompletableFuture<T> later(Waiting<T> waiting) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofVirtual().start(task));
    }

    @Test
    void aSecondProbeOfTheSameHostWaitsForTheFirstWhenTheLimitIsOne() throws Exception {
        ProbeGates gates = new ProbeGates(new ProbeGates.Limits(1, 100, 0));
        ProbeGates.Ticket first = enter(gates, endpoint(1, 1, 25));

        CompletableFuture<ProbeGates.Ticket> otherPort = enterLater(gates, endpoint(1, 1, 587));
        CompletableFuture<ProbeGates.Ticket> otherHost = enterLater(gates, endpoint(1, 2, 25));

        otherHost.get(2, TimeUnit.SECONDS).close();
        Thread.sleep(200);
        assertThat(otherPort).as("the same address waits").isNotDone();
        first.close();
        otherPort.get(2, TimeUnit.SECONDS).close();
    }

    @Test
    void theNetworkLimitCountsEveryHostOfTheSlash24() throws Exception {
        ProbeGates gates = new ProbeGates(new ProbeGates.Limits(10, 2, 0));
        ProbeGates.Ticket a = enter(gates, endpoint(2, 1, 25));
        ProbeGates.Ticket b = enter(gates, endpoint(2, 2, 25));

        CompletableFuture<ProbeGates.Ticket> third = enterLater(gates, endpoint(2, 3, 25));
        enter(gates, endpoint(3, 1, 25)).close();
        Thread.sleep(200);
        assertThat(third).as("a third host of 127.0.2.0/24 waits").isNotDone();
        b.close();
        third.get(2, TimeUnit.SECONDS).close();
        a.close();
    }

    @Test
    void aNetworkHoldsTwiceItsLimitAndItsCallersWaitWhileOtherNetworksGoOn() throws Exception {
        ProbeGates gates = new ProbeGates(new ProbeGates.Limits(10, 1, 0));
        Endpoint thirdOfTheNetwork = endpoint(20, 3, 25);
        ProbeGates.Ticket running = enter(gates, endpoint(20, 1, 25));
        ProbeGates.Ticket waiting = gates.admit(endpoint(20, 2, 25));
        CompletableFuture<ProbeGates.Ticket> waitingToEnter = later(() -> {
            waiting.enter();
            return waiting;
        });

        CompletableFuture<ProbeGates.Ticket> third = later(() -> gates.admit(thirdOfTheNetwork));
        enter(gates, endpoint(21, 1, 25)).close();
        Thread.sleep(200);
        assertThat(waitingToEnter).as("the second of 127.0.20.0/24 waits for its gate").isNotDone();
        assertThat(third).as("a third probe of 127.0.20.0/24 is not even admitted").isNotDone();

        running.close();
        waitingToEnter.get(2, TimeUnit.SECONDS).close();
        third.get(2, TimeUnit.SECONDS).close();
        assertThat(gates.inUse()).isZero();
    }

    @Test
    void gatesAreForgottenOnceNobodyUsesThem() throws Exception {
        ProbeGates gates = new ProbeGates(new ProbeGates.Limits(2, 2, 0));
        for (int d = 1; d <= 200; d++) {
            enter(gates, endpoint(4, d, 25)).close();
        }
        ProbeGates.Ticket held = enter(gates, endpoint(4, 1, 25));
        assertThat(gates.inUse()).as("one host and its network").isEqualTo(2);
        held.close();
        assertThat(gates.inUse()).isZero();
    }

    @Test
    void theRateLimitSpacesStarts() throws Exception {
        ProbeGates gates = new ProbeGates(new ProbeGates.Limits(10, 10, 50));
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            enter(gates, endpoint(5, i + 1, 25)).close();
        }
        // six starts at 50 a second: the first at once, then five intervals of 20 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
    }

    @Test
    void ipv6NetworksAreSlash64() throws Exception {
        InetAddress one = InetAddress.getByAddress(new byte[]{0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1});
        InetAddress two = InetAddress.getByAddress(new byte[]{0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2});
        assertThat(ProbeGates.networkOf(one)).isEqualTo(ProbeGates.networkOf(two)).isEqualTo("network 20010db800000001::/64");
        assertThat(ProbeGates.networkOf(InetAddress.getByAddress(new byte[]{127, 9, 8, 7}))).isEqualTo("network 127.9.8.0/24");
    }

    @Test
    void limitsThatWouldNeverProbeAreRefused() {
        assertThatThrownBy(() -> new ProbeGates.Limits(0, 1, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ProbeGates.Limits(1, 1, -1)).hasMessageContaining("0 for no limit");
    }
}
