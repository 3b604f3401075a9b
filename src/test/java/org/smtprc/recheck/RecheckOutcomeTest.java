package org.smtprc.recheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtprc.probe.Verdict;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtprc.recheck.RecheckOutcome.FIXED;
import static org.smtprc.recheck.RecheckOutcome.NOT_RECHECKED;
import static org.smtprc.recheck.RecheckOutcome.STILL_RELAYING;
import static org.smtprc.recheck.RecheckOutcome.UNREACHABLE;

class RecheckOutcomeTest {

    /** Every verdict a re-check scan can give, and what it means for a host that relayed before. */
    private static final Map<Verdict, RecheckOutcome> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(Verdict.ANONYMOUS_RELAY, STILL_RELAYING),
            Map.entry(Verdict.CONFIRMED_RELAY, STILL_RELAYING),
            Map.entry(Verdict.ACCEPTS_RELAY, STILL_RELAYING),
            Map.entry(Verdict.SECURED, FIXED),
            Map.entry(Verdict.REQUIRES_AUTH, FIXED),
            Map.entry(Verdict.ACCEPTS_LOCAL_ONLY, FIXED),
            Map.entry(Verdict.UNREACHABLE, UNREACHABLE),
            Map.entry(Verdict.REFUSED, UNREACHABLE),
            Map.entry(Verdict.NO_GREETING, UNREACHABLE),
            Map.entry(Verdict.NOT_SMTP, UNREACHABLE),
            Map.entry(Verdict.OUT_OF_SCOPE, NOT_RECHECKED),
            Map.entry(Verdict.INCONCLUSIVE, NOT_RECHECKED),
            Map.entry(Verdict.TEMPORARILY_UNAVAILABLE, NOT_RECHECKED),
            Map.entry(Verdict.REQUIRES_TLS, NOT_RECHECKED),
            Map.entry(Verdict.REJECTED_AT_GREETING, NOT_RECHECKED)));

    @Test
    void theTableCoversEveryVerdict() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Verdict.values());
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"ACCEPTS_RELAY", "CONFIRMED_RELAY", "ANONYMOUS_RELAY"})
    void everyRelayIsJudgedByWhatTheRecheckFound(Verdict original) {
        for (Verdict recheck : Verdict.values()) {
            assertThat(RecheckOutcome.judge(original, recheck)).as(original + " then " + recheck)
                    .isEqualTo(EXPECTED.get(recheck));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"ACCEPTS_RELAY", "CONFIRMED_RELAY", "ANONYMOUS_RELAY"})
    void aHostTheRecheckScanHasNoRowForIsNotRechecked(Verdict original) {
        assertThat(RecheckOutcome.judge(original, null)).isEqualTo(NOT_RECHECKED);
    }

    @Test
    void onlyAnAnswerThatRefusesRelayingCountsAsFixed() {
        assertThat(Arrays.stream(Verdict.values()).filter(v -> RecheckOutcome.judge(Verdict.CONFIRMED_RELAY, v) == FIXED))
                .allMatch(Verdict::live)
                .noneMatch(Verdict::relays)
                .doesNotContain(Verdict.REJECTED_AT_GREETING, Verdict.REQUIRES_TLS, Verdict.INCONCLUSIVE);
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"ACCEPTS_RELAY", "CONFIRMED_RELAY", "ANONYMOUS_RELAY"},
            mode = EnumSource.Mode.EXCLUDE)
    void aHostThatDidNotRelayCannotBeJudged(Verdict original) {
        assertThatThrownBy(() -> RecheckOutcome.judge(original, Verdict.SECURED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(original.name());
    }
}
