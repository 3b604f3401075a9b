package org.smtprc.scan;

import org.junit.jupiter.api.Test;
import org.smtprc.probe.Verdict;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostOrderTest {

    @Test
    void noSortIsTheReportsOrderMostUrgentFirstThenByAddress() {
        assertThat(HostOrder.parse(null)).isEqualTo(HostOrder.REPORT);
        assertThat(HostOrder.parse(" ")).isEqualTo(HostOrder.REPORT);
        String jpql = HostOrder.REPORT.jpql();
        assertThat(jpql).startsWith("case h.verdict when org.smtprc.probe.Verdict.OUT_OF_SCOPE then 0")
                .contains("when org.smtprc.probe.Verdict.ANONYMOUS_RELAY then 14")
                .endsWith(" end desc, h.endpointIndex");
    }

    @Test
    void addressOrderIsTheScansEndpointOrderNotTheAddressText() {
        assertThat(HostOrder.parse("address").jpql()).isEqualTo("h.endpointIndex");
        assertThat(HostOrder.parse("-address").jpql()).isEqualTo("h.endpointIndex desc");
    }

    @Test
    void everyOtherKeyEndsWithTheEndpointOrderSoThatPagesNeitherOverlapNorSkip() {
        assertThat(HostOrder.parse("port").jpql()).isEqualTo("h.port, h.endpointIndex");
        assertThat(HostOrder.parse("-port").jpql()).isEqualTo("h.port desc, h.endpointIndex");
        assertThat(HostOrder.parse("banner").jpql()).isEqualTo("coalesce(h.banner, ''), h.endpointIndex");
        assertThat(HostOrder.parse("durationMs").jpql()).isEqualTo("h.durationMs, h.endpointIndex");
        assertThat(HostOrder.parse(" -probedAt ").jpql()).isEqualTo("h.probedAt desc, h.endpointIndex");
        assertThat(HostOrder.parse("-verdict").jpql()).doesNotContain(" desc").endsWith(" end, h.endpointIndex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity", "Address", "--port", "port,address", "h.port; drop table scan", "-", "+port"})
    void anythingElseIsRefusedWithTheKeysThatAreAllowed(String sort) {
        assertThatThrownBy(() -> HostOrder.parse(sort))
                .isInstanceOf(InvalidScanRequestException.class)
                .hasMessageStartingWith("sort \"")
                .hasMessageContaining("is unknown: use one of verdict, address, port, banner, durationMs, probedAt,"
                        + " or one of them after a - for the reverse order");
    }

    @Test
    void aLongSortIsQuotedCutInTheMessage() {
        assertThatThrownBy(() -> HostOrder.parse("x".repeat(10_000)))
                .hasMessageStartingWith("sort \"" + "x".repeat(28) + "…[truncated]\" is unknown");
    }

    @Test
    void theReportsGroupsHoldEveryVerdictOnceMostUrgentFirstEachGroupOneSeverity() {
        List<Set<Verdict>> groups = HostOrder.reportGroups();

        assertThat(groups.stream().flatMap(Set::stream)).containsExactlyInAnyOrder(Verdict.values());
        for (Set<Verdict> group : groups) {
            assertThat(group.stream().map(Verdict::severity).distinct()).hasSize(1);
        }
        List<Integer> severities = groups.stream().map(group -> group.iterator().next().severity()).toList();
        assertThat(severities).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(groups.getFirst()).contains(Verdict.ANONYMOUS_RELAY);
        assertThat(groups.get(1)).contains(Verdict.CONFIRMED_RELAY);
    }
}
