package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtprc.lab.CollectingSmtpSink;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;
import org.smtprc.addresses.Endpoint;

/**
 * The probe against every lab personality: the exact verdict, TLS where it matters, and for relays the forms that
 * were accepted. One lab on 127.0.6.0/24, host 127.0.6.n plays personality ordinal n-1; all hosts are probed at
 * once with the full battery, then each test checks one report.
 */
class PersonalityVerdictTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    /** Generous: 25 probes start at once on a cold JVM and a busy machine; only the silent host waits it out. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration BUDGET = Duration.ofSeconds(15);
    /**
     * The budget of the hosts that fight back with time (the tarpit, the drips, the stalls), shorter than their
     * command timeout: only the budget can end their conversations.
     */
    private static final Duration TARPIT_BUDGET = Duration.ofSeconds(2);
    private static final Set<Personality> TIME_FIGHTERS = EnumSet.of(Personality.TARPIT, Personality.TLS_DRIP,
            Personality.DRIP_FOREVER, Personality.STALL_AFTER_DATA, Personality.NEVER_READS);
    private static final Duration TARPIT_DRIP = Duration.ofMillis(5);
    /**
     * The error-limits host's stall per reply past its soft limit: long enough that a probe stalled at every test
     * would see its budget run out before the full battery's end.
     */
    private static final Duration ERROR_SLEEP = Duration.ofSeconds(1);
    private static final ProbeSettings FULL = TestProbeSettings.of("probe.lab")
            .timeouts(CONNECT_TIMEOUT, COMMAND_TIMEOUT, BUDGET)
            .forms(Battery.builtIn().profile("full")).build();
    /** An extra open relay probed in RCPT-only mode, so its command log holds nothing but that probe. */
    private static final String RCPT_ONLY_HOST = "127.0.6.200";

    private static CollectingSmtpSink sink;
    private static Lab lab;
    private static final Map<Personality, HostOutcome> REPORTS = new EnumMap<>(Personality.class);
    private static HostOutcome rcptOnlyReport;

    /**
     * What the probe must conclude about a personality. {@code relayForms}: the name prefix of the forms a relay
     * accepts; {@code only}: it accepts no other form (a loophole host), else it accepts at least the plain form.
     */
    private record Expected(Verdict verdict, boolean tls, String relayForms, boolean only) {

        static Expected verdict(Verdict verdict) {
            return new Expected(verdict, false, null, false);
        }

        static Expected openRelay(boolean tls) {
            return new Expected(Verdict.ACCEPTS_RELAY, tls, "plain", false);
        }

        static Expected loophole(String forms) {
            return new Expected(Verdict.ACCEPTS_RELAY, false, forms, true);
        }

        /** A loophole whose every form names no domain or the host's own: no relay finding until mail comes back. */
        static Expected localLoophole(String forms) {
            return new Expected(Verdict.ACCEPTS_LOCAL_ONLY, false, forms, true);
        }
    }

    private static Expected expected(Personality personality) {
        return switch (personality) {
            case OPEN_RELAY, OPEN_RELAY_ANONYMOUS, OPEN_RELAY_LATE, ACCEPT_THEN_DROP, HOSTILE, DISCONNECT_AFTER_3,
                 STALL_AFTER_DATA, NEVER_READS, HEADER_INJECTION -> Expected.openRelay(false);
            case STARTTLS_OPEN_RELAY -> Expected.openRelay(true);
            case PERCENT_HACK -> Expected.localLoophole("percent-");
            case BANG_PATH -> Expected.localLoophole("bang");
            case SOURCE_ROUTE -> Expected.loophole("source-route-");
            case QUOTED -> Expected.localLoophole("quoted");
            case CLOSED, HELO_ONLY, MULTILINE, ERROR_LIMITS, HUGE_REPLY -> Expected.verdict(Verdict.SECURED);
            case STARTTLS_REQUIRED -> new Expected(Verdict.SECURED, true, null, false);
            // Junk before the greeting: mail software gives up on such a host, and so does the probe (see greet()).
            case GARBAGE, NOT_SMTP -> Expected.verdict(Verdict.NOT_SMTP);
            case GREYLIST, TARPIT, TLS_DRIP, DRIP_FOREVER, ENDLESS_MULTILINE -> Expected.verdict(Verdict.INCONCLUSIVE);
            case SILENT -> Expected.verdict(Verdict.NO_GREETING);
            case GREETING_421 -> Expected.verdict(Verdict.TEMPORARILY_UNAVAILABLE);
            case GREETING_554 -> Expected.verdict(Verdict.REJECTED_AT_GREETING);
            case AUTH_REQUIRED -> Expected.verdict(Verdict.REQUIRES_AUTH);
        };
    }

    @BeforeAll
    static void probeEveryPersonality() throws Exception {
        sink = new CollectingSmtpSink();
        Lab.Builder builder = Lab.builder().port(0).deliverTo(sink.address()).tarpitDelay(TARPIT_DRIP)
                .errorSleep(ERROR_SLEEP)
                .lateDelivery(Duration.ofMillis(100));
        for (Personality personality : Personality.values()) {
            builder.host(address(personality), personality);
        }
        lab = builder.host(RCPT_ONLY_HOST, Personality.OPEN_RELAY).start();
        Map<Personality, Probe> running = new EnumMap<>(Personality.class);
        int hosts = Personality.values().length + 1;
        try (ProbeEngine engine = new ProbeEngine(hosts, 1, hosts, 0, 8)) {
            for (Personality personality : Personality.values()) {
                ProbeSettings settings = TIME_FIGHTERS.contains(personality)
                        ? TestProbeSettings.from(FULL).timeouts(CONNECT_TIMEOUT, BUDGET, TARPIT_BUDGET).build() : FULL;
                running.put(personality, engine.submit(endpoint(address(personality)), settings));
            }
            Probe rcptOnly = engine.submit(endpoint(RCPT_ONLY_HOST),
                    TestProbeSettings.from(FULL).rcptOnly(true).build());
            for (var entry : running.entrySet()) {
                REPORTS.put(entry.getKey(), entry.getValue().outcome().get(BUDGET.toMillis() + 5_000,
                        TimeUnit.MILLISECONDS));
            }
            rcptOnlyReport = rcptOnly.outcome().get(BUDGET.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        }
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private static String address(Personality personality) {
        return "127.0.6." + (personality.ordinal() + 1);
    }

    private static Endpoint endpoint(String address) {
        String[] octets = address.split("\\.");
        return new Endpoint(Loopback.ipv4(Integer.parseInt(octets[0]), Integer.parseInt(octets[1]),
                Integer.parseInt(octets[2]), Integer.parseInt(octets[3])), lab.port());
    }

    private static List<String> formsWith(HostOutcome report, TestOutcome outcome) {
        return report.tests().stream().filter(t -> t.outcome() == outcome).map(TestResult::form).toList();
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void eachPersonalityGetsItsExactVerdict(Personality personality) {
        HostOutcome report = REPORTS.get(personality);
        Expected expected = expected(personality);

        assertThat(report.verdict()).as("%s: %s", personality.specName(), report.detail())
                .isEqualTo(expected.verdict());
        assertThat(report.tls()).as("%s used TLS", personality.specName()).isEqualTo(expected.tls());
        assertThat(report.tests().stream().anyMatch(t -> t.outcome() == TestOutcome.TEMPFAIL))
                .as("%s deferred a test (greylisted)", personality.specName())
                .isEqualTo(personality == Personality.GREYLIST);
        List<String> accepted = formsWith(report, TestOutcome.ACCEPTED);
        if (expected.relayForms() == null) {
            assertThat(accepted).as("%s accepted no form", personality.specName()).isEmpty();
        } else {
            if (expected.only()) {
                assertThat(accepted).as("%s: forms accepted", personality.specName()).isNotEmpty()
                        .allMatch(form -> form.startsWith(expected.relayForms()));
            } else {
                assertThat(accepted).as("%s: forms accepted", personality.specName()).contains(expected.relayForms());
            }
            assertThat(report.detail()).startsWith(expected.verdict() == Verdict.ACCEPTS_RELAY
                    ? "accepted relay test '" + accepted.getFirst() + "'"
                    : "no relay finding: it accepted only recipients it may take for its own mailboxes");
            TestResult first = report.tests().stream().filter(t -> t.form().equals(accepted.getFirst()))
                    .findFirst().orElseThrow();
            assertThat(first.transcript()).contains("C: RCPT TO:" + first.rcptTo(), "S: 250");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Personality.class, names = {"PERCENT_HACK", "BANG_PATH", "SOURCE_ROUTE", "QUOTED"})
    void aLoopholeHostAcceptsEveryFormOfItsFamilyAndNothingElse(Personality personality) {
        assertThat(expected(personality).only()).isTrue();
        HostOutcome report = REPORTS.get(personality);
        String family = expected(personality).relayForms();

        List<String> ofFamily = FULL.forms().stream().map(RelayForm::name).filter(n -> n.startsWith(family)).toList();
        assertThat(formsWith(report, TestOutcome.ACCEPTED)).containsExactlyElementsOf(ofFamily);
    }

    @Test
    void securedHostsRefusedEveryFormAtRcptOrMail() {
        for (Personality personality : List.of(Personality.CLOSED, Personality.HELO_ONLY, Personality.MULTILINE,
                Personality.STARTTLS_REQUIRED, Personality.ERROR_LIMITS)) {
            HostOutcome report = REPORTS.get(personality);
            assertThat(report.tests()).as(personality.specName()).hasSize(FULL.forms().size())
                    .allMatch(t -> t.outcome().rejected());
        }
        assertThat(REPORTS.get(Personality.HELO_ONLY).capabilities()).isEqualTo("(no ESMTP: HELO only)");
        assertThat(REPORTS.get(Personality.MULTILINE).banner()).contains("this host greets in several lines");
    }

    @Test
    void aServerWithPostfixsErrorLimitsHasEveryFormJudgedInSessionsThatStayWithinThem() {
        HostOutcome report = REPORTS.get(Personality.ERROR_LIMITS);
        int sessions = (FULL.forms().size() + HostConversation.Limits.defaults().testsPerSession() - 1)
                / HostConversation.Limits.defaults().testsPerSession();

        assertThat(report.tests()).as(report.detail()).hasSize(22).allMatch(t -> t.outcome().rejected());
        assertThat(report.detail()).isEqualTo("refused all 22 relay tests (" + report.tests().getFirst().transcript()
                .lines().filter(l -> l.contains("S: 5")).findFirst().orElseThrow().replaceFirst(".*S: ", "") + ")");
        assertThat(report.tests()).as("no session reached the hard error limit")
                .noneMatch(t -> t.transcript().contains("S: 421"));
        assertThat(lab.connections(address(Personality.ERROR_LIMITS))).isEqualTo(sessions);
    }

    @Test
    void greylistingIsRecordedAsDeferredTests() {
        HostOutcome report = REPORTS.get(Personality.GREYLIST);

        assertThat(formsWith(report, TestOutcome.TEMPFAIL)).contains("plain", "null-sender");
        assertThat(report.tests()).noneMatch(t -> t.outcome() == TestOutcome.ACCEPTED);
        assertThat(report.detail()).contains("greylisting");
        assertThat(report.tests().getFirst().transcript()).contains("S: 450 4.7.1");
    }

    @Test
    void tarpitEndsWithTheBudget() {
        HostOutcome report = REPORTS.get(Personality.TARPIT);

        assertThat(report.detail()).contains("time budget");
        assertThat(report.millis()).as(report.detail()).isLessThan(TARPIT_BUDGET.toMillis() + 1_000);
        assertThat(report.tests()).as(report.detail()).noneMatch(t -> t.outcome() == TestOutcome.ACCEPTED);
    }

    @Test
    void everyHostThatFightsWithTimeEndsWithItsBudgetAndSaysSo() {
        for (Personality personality : TIME_FIGHTERS) {
            HostOutcome report = REPORTS.get(personality);
            assertThat(report.detail()).as(personality.specName()).contains("time budget of 2,000 ms");
            assertThat(report.millis()).as("%s: %s", personality.specName(), report.detail())
                    .isLessThan(TARPIT_BUDGET.toMillis() + 1_000);
        }
    }

    @Test
    void hostsThatNeverReachTheTestsSayWhy() {
        assertThat(REPORTS.get(Personality.GREETING_421).banner()).startsWith("421 4.3.2");
        assertThat(REPORTS.get(Personality.GREETING_554).banner()).startsWith("554 5.7.1");
        assertThat(REPORTS.get(Personality.NOT_SMTP).detail()).contains("SSH-2.0");
        assertThat(REPORTS.get(Personality.AUTH_REQUIRED).tests()).allMatch(t -> t.transcript().contains("S: 530"));
        for (Personality personality : List.of(Personality.SILENT, Personality.NOT_SMTP, Personality.GARBAGE,
                Personality.GREETING_421, Personality.GREETING_554)) {
            assertThat(REPORTS.get(personality).tests()).as(personality.specName()).isEmpty();
        }
    }

    @Test
    void rcptOnlyModeFindsTheRelayWithoutSendingData() {
        assertThat(rcptOnlyReport.verdict()).as(rcptOnlyReport.detail()).isEqualTo(Verdict.ACCEPTS_RELAY);
        assertThat(formsWith(rcptOnlyReport, TestOutcome.ACCEPTED)).contains("plain");
        List<String> commands = lab.commands(RCPT_ONLY_HOST);
        assertThat(commands).anyMatch(c -> c.startsWith("RCPT TO:"));
        assertThat(commands).noneMatch(c -> c.equalsIgnoreCase("DATA"));
        assertThat(rcptOnlyReport.tests()).allMatch(t -> !t.transcript().contains("C: DATA"));
    }

    @Test
    void hostileRepliesAreBoundedAndDefused() {
        HostOutcome report = REPORTS.get(Personality.HOSTILE);
        HostConversation.Limits limits = HostConversation.Limits.defaults();

        assertThat(report.banner()).hasSizeLessThanOrEqualTo(limits.maxBannerChars() + "[...]".length())
                .contains("<script>", "\\x1B[31m", "\\x00").doesNotContain("\u0000", "\u001b");
        assertThat(report.capabilities()).doesNotContain("\u0000", "\u001b");
        assertThat(report.detail()).doesNotContain("\u0000", "\u001b");
        for (TestResult test : report.tests()) {
            assertThat(test.transcript()).hasSizeLessThanOrEqualTo(limits.maxTranscriptChars())
                    .doesNotContain("\u0000", "\u001b");
        }
    }
}
