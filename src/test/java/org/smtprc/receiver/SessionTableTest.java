package org.smtprc.receiver;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTableTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static SessionTable table(int max, int perClient) {
        return new SessionTable(new ReceiverLimits(4_096, max, perClient, Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(2), 1 << 20));
    }

    private static ClientConnection from(String client, long openedAt) {
        return new ClientConnection(new Socket(), client, openedAt);
    }

    @Test
    void oneClientGetsNoMoreThanItsShare() {
        SessionTable table = table(100, 2);
        assertThat(table.admit(from("127.0.30.1", 0), 0).admitted()).isTrue();
        assertThat(table.admit(from("127.0.30.1", 0), 0).admitted()).isTrue();
        SessionTable.Admission third = table.admit(from("127.0.30.1", 0), 0);
        assertThat(third.admitted()).isFalse();
        assertThat(third.refusal()).isEqualTo(SessionTable.TOO_MANY_FROM_CLIENT);
        assertThat(table.admit(from("127.0.30.2", 0), 0).admitted()).isTrue();
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.clients()).isEqualTo(2);
    }

    @Test
    void anIpv6HostCountsAsItsWholeSlash64() throws Exception {
        assertThat(SessionTable.clientOf(InetAddress.getByName("2001:db8:1:2::1")))
                .isEqualTo(SessionTable.clientOf(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:fffe")))
                .isEqualTo("20010db800010002::/64")
                .isNotEqualTo(SessionTable.clientOf(InetAddress.getByName("2001:db8:1:3::1")));
        assertThat(SessionTable.clientOf(InetAddress.getByName("198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void atTheCapANewcomerDisplacesTheLongestIdleSessionOfTheClientHoldingMost() {
        SessionTable table = table(4, 10);
        ClientConnection fewOld = from("127.0.30.1", 0);
        ClientConnection manyOlder = from("127.0.30.2", 0);
        ClientConnection manyOldest = from("127.0.30.2", 0);
        ClientConnection manyYoung = from("127.0.30.2", 0);
        manyOlder.heard(SECOND);
        manyOldest.heard(SECOND / 2);
        manyYoung.heard(3 * SECOND);
        for (ClientConnection c : new ClientConnection[]{fewOld, manyOlder, manyOldest, manyYoung}) {
            assertThat(table.admit(c, c.openedAt()).admitted()).isTrue();
        }

        SessionTable.Admission relay = table.admit(from("127.0.31.1", 5 * SECOND), 5 * SECOND);

        assertThat(relay.admitted()).isTrue();
        assertThat(relay.displaced()).isSameAs(manyOldest);
        assertThat(table.size()).isEqualTo(4);
    }

    @Test
    void talkingSessionsAndSessionsOfSmallerClientsStay() {
        SessionTable table = table(2, 10);
        ClientConnection talking = from("127.0.30.1", 0);
        ClientConnection idle = from("127.0.30.2", 0);
        table.admit(talking, 0);
        table.admit(idle, 0);
        long now = 10 * SECOND;
        talking.heard(now - SECOND / 2);

        assertThat(table.admit(from("127.0.30.2", now), now).refusal())
                .as("the newcomer's client holds as many as anyone").isEqualTo(SessionTable.TOO_MANY);
        SessionTable.Admission other = table.admit(from("127.0.30.3", now), now);
        assertThat(other.displaced()).isSameAs(idle);

        ClientConnection fresh = from("127.0.30.4", now);
        assertThat(table.admit(fresh, now).refusal()).as("nobody silent for a second").isEqualTo(SessionTable.TOO_MANY);
    }

    @Test
    void aReleasedSessionFreesItsPlaceOnce() {
        SessionTable table = table(1, 1);
        ClientConnection only = from("127.0.30.1", 0);
        table.admit(only, 0);
        table.release(only);
        table.release(only);
        assertThat(table.size()).isZero();
        assertThat(table.clients()).isZero();
        assertThat(table.admit(from("127.0.30.1", 0), 0).admitted()).isTrue();
        assertThat(table.admit(from("127.0.30.2", 0), 0).admitted()).as("the cap still holds").isFalse();
    }

    @Test
    void aNewcomerRefusedAtTheCapDoesNotKeepLaterOnesFromDisplacingASessionThatFellSilent() {
        SessionTable table = table(2, 10);
        ClientConnection first = from("127.0.30.1", 0);
        ClientConnection second = from("127.0.30.2", 0);
        table.admit(first, 0);
        table.admit(second, 0);
        first.heard(SECOND / 2);
        second.heard(SECOND / 2);

        assertThat(table.admit(from("127.0.30.3", SECOND), SECOND).refusal())
                .as("both talked half a second ago").isEqualTo(SessionTable.TOO_MANY);
        assertThat(table.admit(from("127.0.30.4", SECOND + SECOND / 4), SECOND + SECOND / 4).refusal())
                .as("still nobody silent for a second").isEqualTo(SessionTable.TOO_MANY);
        second.heard(SECOND + SECOND / 4);
        long later = SECOND + 3 * SECOND / 4;
        SessionTable.Admission relay = table.admit(from("127.0.30.5", later), later);

        assertThat(relay.admitted()).isTrue();
        assertThat(relay.displaced()).isSameAs(first);
    }
}
