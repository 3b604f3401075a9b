package org.smtprc.confirmation;

import org.junit.jupiter.api.Test;
import org.smtprc.confirmation.QuarantinePolicy.Decision;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuarantinePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final QuarantineLimits DEFAULTS = new QuarantineLimits(30, 100_000, 100);

    private final QuarantinePolicy policy = new QuarantinePolicy();

    @Test
    void aSenderKeepsItsHourlyLimitThenIsDroppedUntilTheHourHasPassed() {
        QuarantineLimits limits = new QuarantineLimits(30, 100_000, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(policy.admit("192.0.2.7", NOW, NOW.plusSeconds(i), limits)).isEqualTo(Decision.KEEP);
        }
        assertThat(policy.admit("192.0.2.7", NOW, NOW.plusSeconds(10), limits)).isEqualTo(Decision.OVER_RATE);
        assertThat(policy.admit("192.0.2.8", NOW, NOW.plusSeconds(10), limits)).as("another sender")
                .isEqualTo(Decision.KEEP);
        // the window slides: an hour after the first kept row, one more is kept
        assertThat(policy.admit("192.0.2.7", NOW, NOW.plus(Duration.ofHours(1)), limits)).isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.7", NOW, NOW.plus(Duration.ofHours(1)), limits)).isEqualTo(Decision.OVER_RATE);
    }

    @Test
    void beyondTheRowCapNewJunkIsDroppedUntilTheRowsAreCountedLower() {
        QuarantineLimits limits = new QuarantineLimits(30, 10, 0);
        policy.recounted(8, NOW);
        assertThat(policy.admit("192.0.2.1", NOW, NOW, limits)).isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.2", NOW, NOW, limits)).isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.3", NOW, NOW, limits)).isEqualTo(Decision.OVER_CAP);

        policy.recounted(5, NOW); // the sweep deleted rows past their retention
        assertThat(policy.admit("192.0.2.3", NOW, NOW, limits)).isEqualTo(Decision.KEEP);
    }

    @Test
    void aKeepWhoseRowWasRolledBackIsWithdrawnFromTheSendersRateAndTheRows() {
        QuarantineLimits limits = new QuarantineLimits(30, 2, 1);
        assertThat(policy.admit("192.0.2.1", NOW, NOW, limits)).isEqualTo(Decision.KEEP);
        policy.withdraw("192.0.2.1", NOW); // its batch failed: the mail is judged again, alone
        assertThat(policy.sendersRemembered()).isZero();
        assertThat(policy.admit("192.0.2.1", NOW, NOW.plusSeconds(1), limits)).as("judged again").isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.2", NOW, NOW.plusSeconds(1), limits)).as("one row of two used").isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.3", NOW, NOW.plusSeconds(1), limits)).isEqualTo(Decision.OVER_CAP);

        policy.withdraw("192.0.2.9", NOW); // never kept: nothing to take back
        assertThat(policy.admit("192.0.2.3", NOW, NOW.plusSeconds(2), limits)).isEqualTo(Decision.OVER_CAP);
    }

    @Test
    void aSenderOverItsRateIsCountedAsSuchEvenWhenTheQuarantineIsFull() {
        QuarantineLimits limits = new QuarantineLimits(30, 1, 1);
        assertThat(policy.admit("192.0.2.1", NOW, NOW, limits)).isEqualTo(Decision.KEEP);
        assertThat(policy.admit("192.0.2.1", NOW, NOW, limits)).isEqualTo(Decision.OVER_RATE);
        assertThat(policy.admit("192.0.2.2", NOW, NOW, limits)).isEqualTo(Decision.OVER_CAP);
    }

    @Test
    void mailAlreadyPastItsRetentionIsNotKept() {
        Instant polledLate = NOW.minus(Duration.ofDays(31));
        assertThat(policy.admit("<a@example.org>", polledLate, NOW, DEFAULTS)).isEqualTo(Decision.PAST_RETENTION);
        assertThat(policy.admit("<a@example.org>", NOW.minus(Duration.ofDays(29)), NOW, DEFAULTS))
                .isEqualTo(Decision.KEEP);
        assertThat(policy.admit("<a@example.org>", polledLate, NOW, new QuarantineLimits(0, 0, 0)))
                .as("retention off").isEqualTo(Decision.KEEP);
    }

    @Test
    void zeroTurnsEachLimitOff() {
        QuarantineLimits off = new QuarantineLimits(0, 0, 0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(policy.admit("192.0.2.1", NOW, NOW, off)).isEqualTo(Decision.KEEP);
        }
    }

    @Test
    void sendersWithoutARowWithinTheHourAreForgotten() {
        for (int i = 0; i < 5_000; i++) {
            policy.admit("<sender" + i + "@example.org>", NOW, NOW, DEFAULTS);
        }
        policy.admit("192.0.2.9", NOW, NOW.plus(Duration.ofMinutes(30)), DEFAULTS);
        assertThat(policy.sendersRemembered()).isEqualTo(5_001);

        policy.recounted(5_001, NOW.plus(Duration.ofMinutes(61)));

        assertThat(policy.sendersRemembered()).isEqualTo(1);
    }

    @Test
    void negativeLimitsAreRefusedWithTheSettingToFix() {
        assertThatThrownBy(() -> new QuarantineLimits(30, -1, 100)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("smtprc.quarantine.max-rows=-1");
    }

    @Test
    void theSendingAddressIsTheClientAddressElseTheEnvelopeSender() {
        assertThat(QuarantinePolicy.sendingAddress("198.51.100.23", "x@example.org")).isEqualTo("198.51.100.23");
        assertThat(QuarantinePolicy.sendingAddress("2001:db8:0:0:0:0:0:17", "x@example.org"))
                .isEqualTo(QuarantinePolicy.sendingAddress("2001:db8:0:0:ffff:1:2:3", "y@example.org"))
                .isEqualTo(QuarantinePolicy.sendingAddress("2001:DB8::1%eth0", null))
                .isEqualTo("2001:db8:0:0::/64");
        assertThat(QuarantinePolicy.sendingAddress("2001:db8:0:1:0:0:0:17", null)).isEqualTo("2001:db8:0:1::/64");
        assertThat(QuarantinePolicy.sendingAddress("imap relaytest@mail.example.net:993/INBOX", "Bounce@Example.ORG"))
                .isEqualTo("<bounce@example.org>");
        assertThat(QuarantinePolicy.sendingAddress("maildir /var/mail/probe", null)).isEqualTo("<>");
        assertThat(QuarantinePolicy.sendingAddress("pop3 relaytest@mail.example.net", "a".repeat(1_000))).hasSize(258);
    }
}
