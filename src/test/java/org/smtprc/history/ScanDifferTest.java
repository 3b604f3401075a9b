package org.smtprc.history;

import org.junit.jupiter.api.Test;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.HostAddress;
import org.smtprc.probe.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtprc.history.DiffCategory.FIXED;
import static org.smtprc.history.DiffCategory.NEW_HOST;
import static org.smtprc.history.DiffCategory.NEW_RELAY;
import static org.smtprc.history.DiffCategory.NOT_COMPARED;
import static org.smtprc.history.DiffCategory.NO_LONGER_ANSWERING;
import static org.smtprc.history.DiffCategory.OTHER_CHANGE;
import static org.smtprc.history.DiffCategory.STILL_OPEN;
import static org.smtprc.history.DiffCategory.UNCHANGED;
import static org.smtprc.probe.Verdict.ACCEPTS_RELAY;
import static org.smtprc.probe.Verdict.ANONYMOUS_RELAY;
import static org.smtprc.probe.Verdict.CONFIRMED_RELAY;
import static org.smtprc.probe.Verdict.NO_GREETING;
import static org.smtprc.probe.Verdict.OUT_OF_SCOPE;
import static org.smtprc.probe.Verdict.REFUSED;
import static org.smtprc.probe.Verdict.REQUIRES_TLS;
import static org.smtprc.probe.Verdict.SECURED;
import static org.smtprc.probe.Verdict.UNREACHABLE;

class ScanDifferTest {

    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

    /** Both scans of 192.0.2.0/28 port 25: the usual case, a schedule's runs over the same targets. */
    private static final ScanDiffer.Coverage SAME_BLOCK = covering("192.0.2.0/28", "25");

    @Test
    void everyCategoryFromOneMerge() {
        List<EndpointVerdict> before = rows(
                row("192.0.2.1", CONFIRMED_RELAY),   // still open
                row("192.0.2.2", CONFIRMED_RELAY),   // fixed
                row("192.0.2.3", SECURED),           // now relays
                row("192.0.2.4", SECURED),           // gone
                row("192.0.2.5", ACCEPTS_RELAY),     // relay gone: no longer answering
                row("192.0.2.7", SECURED),           // unchanged
                row("192.0.2.8", SECURED));          // other change
        List<EndpointVerdict> after = rows(
                row("192.0.2.1", ANONYMOUS_RELAY),
                row("192.0.2.2", SECURED),
                row("192.0.2.3", CONFIRMED_RELAY),
                row("192.0.2.6", NO_GREETING),       // new host
                row("192.0.2.7", SECURED),
                row("192.0.2.8", REQUIRES_TLS),
                row("192.0.2.9", ACCEPTS_RELAY));    // new relay where nothing answered

        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(before.iterator(), SAME_BLOCK, after.iterator(),
                SAME_BLOCK, changes::add);

        assertThat(changes).extracting(c -> c.address() + " " + c.category())
                .containsExactly("192.0.2.1 STILL_OPEN", "192.0.2.2 FIXED", "192.0.2.3 NEW_RELAY",
                        "192.0.2.4 NO_LONGER_ANSWERING", "192.0.2.5 NO_LONGER_ANSWERING", "192.0.2.6 NEW_HOST",
                        "192.0.2.8 OTHER_CHANGE", "192.0.2.9 NEW_RELAY");
        assertThat(counts).containsEntry(STILL_OPEN, 1L).containsEntry(FIXED, 1L).containsEntry(NEW_RELAY, 2L)
                .containsEntry(NO_LONGER_ANSWERING, 2L).containsEntry(NEW_HOST, 1L).containsEntry(OTHER_CHANGE, 1L)
                .containsEntry(UNCHANGED, 1L).containsEntry(NOT_COMPARED, 0L);
        EndpointChange other = changes.get(6);
        assertThat(other.before().verdict()).isEqualTo("SECURED");
        assertThat(other.after().verdict()).isEqualTo("REQUIRES_TLS");
        EndpointChange gone = changes.get(3);
        assertThat(gone.after().verdict()).isEqualTo(EndpointChange.NO_ANSWER);
        assertThat(gone.after().detail()).isNull();
        assertThat(changes.get(7).before().verdict()).isEqualTo(EndpointChange.NO_ANSWER);
    }

    @Test
    void theSameAddressOnAnotherPortIsAnotherEndpoint() {
        ScanDiffer.Coverage twoPorts = covering("192.0.2.1", "25,587");
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(
                rows(row("192.0.2.1", 25, CONFIRMED_RELAY), row("192.0.2.1", 587, SECURED)).iterator(), twoPorts,
                rows(row("192.0.2.1", 25, SECURED), row("192.0.2.1", 587, CONFIRMED_RELAY)).iterator(), twoPorts,
                changes::add);

        assertThat(changes).extracting(c -> c.port() + " " + c.category()).containsExactly("25 FIXED", "587 NEW_RELAY");
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }

    @Test
    void endpointsMatchByNumberNotText() {
        // 192.0.2.10 sorts before 192.0.2.9 as text; the merge must follow the scans' numeric order
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(
                rows(row("192.0.2.9", SECURED), row("192.0.2.10", CONFIRMED_RELAY)).iterator(), SAME_BLOCK,
                rows(row("192.0.2.9", SECURED), row("192.0.2.10", CONFIRMED_RELAY)).iterator(), SAME_BLOCK,
                changes::add);

        assertThat(counts).containsEntry(UNCHANGED, 1L).containsEntry(STILL_OPEN, 1L);
        assertThat(changes).extracting(EndpointChange::address).containsExactly("192.0.2.10");
    }

    @Test
    void ipv6EndpointsFollowIpv4AndMatchByAddress() {
        ScanDiffer.Coverage mixed = covering("192.0.2.1, 2001:db8::/126", "25");
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(
                rows(row("192.0.2.1", SECURED), row("2001:db8::1", CONFIRMED_RELAY), row("2001:db8::3", SECURED))
                        .iterator(), mixed,
                rows(row("192.0.2.1", SECURED), row("2001:db8::2", CONFIRMED_RELAY), row("2001:db8::3", SECURED))
                        .iterator(), mixed,
                changes::add);

        assertThat(changes).extracting(c -> c.address() + " " + c.category())
                .containsExactly("2001:db8::1 NO_LONGER_ANSWERING", "2001:db8::2 NEW_RELAY");
        assertThat(counts).containsEntry(UNCHANGED, 2L);
    }

    @Test
    void emptyScansHaveNoChanges() {
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(List.<EndpointVerdict>of().iterator(), SAME_BLOCK,
                List.<EndpointVerdict>of().iterator(), SAME_BLOCK, changes::add);

        assertThat(changes).isEmpty();
        assertThat(counts).hasSize(DiffCategory.values().length).allSatisfy((category, n) -> assertThat(n).isZero());
    }

    @Test
    void againstAnEmptyBaseEverythingAnsweringIsNew() {
        List<EndpointChange> changes = new ArrayList<>();
        ScanDiffer.compare(List.<EndpointVerdict>of().iterator(), SAME_BLOCK,
                rows(row("192.0.2.1", CONFIRMED_RELAY), row("192.0.2.2", SECURED), row("192.0.2.3", REFUSED))
                        .iterator(), SAME_BLOCK, changes::add);

        assertThat(changes).extracting(EndpointChange::category).containsExactly(NEW_RELAY, NEW_HOST);
    }

    @Test
    void recordedAndUnrecordedSilenceAreTheSame() {
        // one scan stored refused rows (recordUnresponsive), the other did not: no change
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(rows(row("192.0.2.1", REFUSED)).iterator(), SAME_BLOCK,
                List.<EndpointVerdict>of().iterator(), SAME_BLOCK, changes::add);

        assertThat(changes).isEmpty();
        assertThat(counts).containsEntry(UNCHANGED, 1L);
        assertThat(classify(REFUSED, UNREACHABLE)).isEqualTo(OTHER_CHANGE);
    }

    @Test
    void outsideTheOtherScanIsNotComparedUnlessItAnswersNow() {
        ScanDiffer.Coverage narrow = covering("192.0.2.0/30", "25");
        List<EndpointChange> changes = new ArrayList<>();
        Map<DiffCategory, Long> counts = ScanDiffer.compare(
                rows(row("192.0.2.1", SECURED), row("192.0.2.8", CONFIRMED_RELAY)).iterator(), SAME_BLOCK,
                rows(row("192.0.2.1", SECURED)).iterator(), narrow, changes::add);
        assertThat(changes).isEmpty();
        assertThat(counts).containsEntry(NOT_COMPARED, 1L).containsEntry(UNCHANGED, 1L);

        List<EndpointChange> widened = new ArrayList<>();
        ScanDiffer.compare(rows(row("192.0.2.1", SECURED)).iterator(), narrow,
                rows(row("192.0.2.1", SECURED), row("192.0.2.8", CONFIRMED_RELAY), row("192.0.2.9", SECURED))
                        .iterator(), SAME_BLOCK, widened::add);
        assertThat(widened).extracting(c -> c.address() + " " + c.category() + " " + c.before().verdict())
                .containsExactly("192.0.2.8 NEW_RELAY NOT_SCANNED", "192.0.2.9 NEW_HOST NOT_SCANNED");
    }

    @Test
    void eachPairOfStatesHasItsCategory() {
        assertThat(classify(CONFIRMED_RELAY, ACCEPTS_RELAY)).isEqualTo(STILL_OPEN);
        assertThat(classify(SECURED, ANONYMOUS_RELAY)).isEqualTo(NEW_RELAY);
        assertThat(classify(OUT_OF_SCOPE, CONFIRMED_RELAY)).isEqualTo(NEW_RELAY);
        assertThat(classify(CONFIRMED_RELAY, NO_GREETING)).isEqualTo(FIXED);
        assertThat(classify(CONFIRMED_RELAY, UNREACHABLE)).isEqualTo(NO_LONGER_ANSWERING);
        assertThat(classify(NO_GREETING, REFUSED)).isEqualTo(NO_LONGER_ANSWERING);
        assertThat(classify(REFUSED, SECURED)).isEqualTo(NEW_HOST);
        assertThat(classify(OUT_OF_SCOPE, SECURED)).isEqualTo(NEW_HOST);
        assertThat(classify(CONFIRMED_RELAY, OUT_OF_SCOPE)).isEqualTo(OTHER_CHANGE);
        assertThat(classify(SECURED, OUT_OF_SCOPE)).isEqualTo(OTHER_CHANGE);
        assertThat(classify(OUT_OF_SCOPE, OUT_OF_SCOPE)).isEqualTo(UNCHANGED);
        assertThat(classify(SECURED, SECURED)).isEqualTo(UNCHANGED);
    }

    @Test
    void rowsOutOfEndpointOrderAreRefused() {
        List<EndpointVerdict> unordered = rows(row("192.0.2.2", SECURED), row("192.0.2.1", SECURED));
        assertThatThrownBy(() -> ScanDiffer.compare(unordered.iterator(), SAME_BLOCK,
                List.<EndpointVerdict>of().iterator(), SAME_BLOCK, change -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("192.0.2.1:25 came after 192.0.2.2:25");
    }

    /**
     * A /16 against a /16 (65,536 endpoints each), streamed from generators: the figure is printed, not asserted
     * (speed is the benchmark's business); the merge holds one row of each scan at a time.
     */
    @Test
    void twoScansOf65536EndpointsMerge() {
        ScanDiffer.Coverage block = covering("127.76.0.0/16", "25");
        long started = System.nanoTime();
        long[] listed = {0};
        Map<DiffCategory, Long> counts = ScanDiffer.compare(generated(0), block, generated(1), block,
                change -> listed[0]++);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("diff of 2 x 65,536 endpoints: %d ms, %d listed, %s%n", millis, listed[0], counts);

        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(65_536);
        assertThat(counts.get(FIXED)).isEqualTo(counts.get(NEW_RELAY)).isEqualTo(4_096);
        assertThat(counts.get(STILL_OPEN)).isEqualTo(4_096);
        assertThat(listed[0]).isEqualTo(3 * 4_096);
    }

    /**
     * 127.76.0.0/16 (parsed only, never connected): of every 16 addresses, scan 0 relays at
     * the 1st and 9th, scan 1 at the 1st and 5th: a sixteenth each STILL_OPEN, FIXED and NEW_RELAY.
     */
    private static Iterator<EndpointVerdict> generated(int scan) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 65_536;
            }

            @Override
            public EndpointVerdict next() {
                int i = next++;
                boolean relays = scan == 0 ? i % 8 == 0 : (i % 16 == 0) || (i % 16 == 4);
                String address = "127.76." + (i >> 8) + "." + (i & 0xff);
                return new EndpointVerdict(address, 25, relays ? CONFIRMED_RELAY : SECURED, null, AT, i);
            }
        };
    }

    private static DiffCategory classify(Verdict before, Verdict after) {
        return ScanDiffer.classify(row("192.0.2.1", before), true, row("192.0.2.1", after), true);
    }

    private static ScanDiffer.Coverage covering(String targets, String ports) {
        AddressSpace space = AddressSpace.parse(targets, null, ports);
        Set<Integer> portSet = Set.copyOf(space.ports());
        return (HostAddress address, int port) -> portSet.contains(port) && space.contains(address.inetAddress());
    }

    private static EndpointVerdict row(String address, Verdict verdict) {
        return row(address, 25, verdict);
    }

    private static EndpointVerdict row(String address, int port, Verdict verdict) {
        return new EndpointVerdict(address, port, verdict, "detail of " + address, AT, 0);
    }

    private static List<EndpointVerdict> rows(EndpointVerdict... rows) {
        return List.of(rows);
    }
}
