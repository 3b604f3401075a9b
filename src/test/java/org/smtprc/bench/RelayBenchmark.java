package org.smtprc.bench;

import org.smtprc.it.ScanApi;
import org.smtprc.it.TestUsers;
import org.smtprc.it.WildFlyProcess;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;
import org.smtprc.probe.Battery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark of issue 5: boots WildFly with SmtpRC once, then for each case starts a lab network on its own
 * loopback range, scans it through the REST API, checks the verdict counts against the lab's layout and prints
 * throughput, memory and CPU. A bare java.nio loop runs the same battery against the same mixed lab as a ceiling.
 * Run it with {@code mvn -Pbenchmark verify} ({@code -Dbench.cases=mixed,classic,sweep,silent,memory}, default
 * all).
 */
public final class RelayBenchmark {

    private static final List<String> ALL_CASES = List.of("mixed", "classic", "sweep", "silent", "memory");
    /**
     * A smoke pass ({@code -Dbench.smoke=true}, run by every {@code mvn verify}): the same harness on tiny labs, one
     * round, no warm-up; its figures mean nothing, only that every case still runs and counts right.
     */
    private static final boolean SMOKE = Boolean.getBoolean("bench.smoke");
    private static final int LAB_PORT = 2525;
    private static final int RECEIVER_PORT = 10325;
    private static final int PORT_OFFSET = 300;
    private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 4096);
    /** Partitions run at once: the server's smtprc.parallel-partitions default. */
    private static final int PARTITIONS = 8;
    /** Address blocks of the mixed case; more blocks than partitions let a partition that ends early take another. */
    private static final int MIXED_BLOCKS = Integer.getInteger("bench.mixedBlocks", PARTITIONS);
    private static final Duration SCAN_LIMIT = Duration.ofMinutes(6);
    private static final Path WORK = Path.of("target/bench");

    private final ScanRun scans;
    private final InetSocketAddress receiver;
    private final boolean record = Boolean.getBoolean("bench.record");
    private final List<CaseResult> results = new ArrayList<>();

    private RelayBenchmark(ScanRun scans, InetSocketAddress receiver) {
        this.scans = scans;
        this.receiver = receiver;
    }

    public static void main(String[] args) throws Exception {
        Set<String> cases = selectedCases(System.getProperty("bench.cases", "all"));
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Machine.describe();
        System.out.println("SmtpRC benchmark, " + started + ", " + machine + ", cases " + cases);
        Path base = WORK.resolve("standalone");
        WildFlyProcess.deleteTree(base);
        TestUsers.addTo(WildFlyProcess.defaultHome(), WildFlyProcess.defaultHome().resolve("standalone/configuration"));
        Path javaHome = Path.of(System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        List<String> wrong;
        try (WildFlyProcess server = new WildFlyProcess(WildFlyProcess.defaultHome(), base, PORT_OFFSET, Map.of(
                "smtprc.receiver.port", Integer.toString(RECEIVER_PORT),
                "smtprc.max-in-flight", Integer.toString(MAX_IN_FLIGHT),
                "smtprc.max-addresses", "262144",
                "smtprc.tests-per-session", System.getProperty("bench.testsPerSession", "8"),
                "smtprc.helo-name", "bench-scanner.smtprc.test")).withEnvironment(serverJvmOptions())) {
            System.out.println("Starting WildFly (log: " + base.resolve("log/server.log") + ") ...");
            server.start(WildFlyProcess.defaultWar(), Duration.ofMinutes(4));
            ServerGauges gauges = new ServerGauges(server.serverPid(), javaHome, WORK.resolve("server-gc.log"));
            RelayBenchmark bench = new RelayBenchmark(new ScanRun(new ScanApi(server.baseUri(), TestUsers.OPERATOR), gauges, WORK),
                    new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), RECEIVER_PORT));
            if (!SMOKE) {
                bench.warmUp();
            }
            List<MixedCase> mixedCases = MixedCase.selected(cases);
            if (!mixedCases.isEmpty()) {
                // Warm-up rounds (numbered from -warmUps + 1 to 0) let the server's and this JVM's compilers
                // reach the very paths measured: a freshly booted server compiles for minutes, at the cost of a
                // third of its CPU. They are printed, not counted.
                int rounds = SMOKE ? 1 : Integer.getInteger("bench.rounds", 3);
                int warmUps = SMOKE ? 0 : Integer.getInteger("bench.warmUpRounds", 2);
                for (int round = 1 - warmUps; round <= rounds; round++) {
                    for (int i = 0; i < mixedCases.size(); i++) {
                        bench.mixed(mixedCases.get(i), round, 120 + mixedCases.size() * round + i);
                    }
                }
                for (MixedCase c : mixedCases) {
                    bench.median(c.name(), rounds);
                    bench.median("bare-" + c.name(), rounds);
                }
            }
            if (cases.contains("sweep") || cases.contains("memory")) {
                bench.sweep("sweep-16", "127.20.0.0", SMOKE ? 1_024 : 65_536);
            }
            if (cases.contains("silent")) {
                bench.silent();
            }
            if (cases.contains("memory") && !SMOKE) {
                bench.sweep("sweep-14", "127.24.0.0", 262_144);
            }
            new BenchReport(started, machine, MAX_IN_FLIGHT, bench.results).print(System.out);
            wrong = bench.results.stream().filter(r -> !r.countsRight()).map(CaseResult::name).toList();
        }
        // Judged after the server's close: an exit inside the block would leave its WildFly running.
        if (SMOKE && !wrong.isEmpty()) {
            System.out.println("benchmark smoke pass: verdict counts wrong in " + wrong);
            System.exit(1);
        }
    }

    /**
     * A case of the mixed shape: 1,000 open relays, 3,000 closed servers, 96 refused addresses, one battery, a
     * reply delay, hosts that offer PIPELINING or not. {@code classic} is issue 18's comparison with the original
     * SmtpRC: servers without PIPELINING, its own eight checks and the full battery.
     */
    record MixedCase(String name, Duration replyDelay, String profile, boolean pipelining) {

        static List<MixedCase> selected(Set<String> cases) {
            List<MixedCase> chosen = new ArrayList<>();
            if (cases.contains("mixed")) {
                chosen.add(new MixedCase("mixed-0ms", Duration.ZERO, "full", true));
                chosen.add(new MixedCase("mixed-20ms", Duration.ofMillis(20), "full", true));
            }
            if (cases.contains("classic")) {
                for (String profile : List.of("smtprc-classic", "full")) {
                    for (int delay : new int[]{0, 20}) {
                        chosen.add(new MixedCase("nopipe-" + profile.replace("smtprc-", "") + "-" + delay + "ms",
                                Duration.ofMillis(delay), profile, false));
                    }
                }
            }
            return chosen;
        }
    }

    private static Set<String> selectedCases(String selection) {
        if (selection.isBlank() || selection.equals("all")) {
            return new LinkedHashSet<>(ALL_CASES);
        }
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(selection.toLowerCase(Locale.ROOT).split("[,\\s]+")));
        if (!ALL_CASES.containsAll(chosen)) {
            throw new IllegalArgumentException("bench.cases=" + selection + ": choose from " + ALL_CASES + " or all");
        }
        return chosen;
    }

    /**
     * The server JVM's options, with {@code bench.serverJvm} added (for example an ahead-of-time cache:
     * {@code -XX:AOTCacheOutput=FILE} in a training run, {@code -XX:AOTCache=FILE} in the runs measured). The options
     * added to are the benchmark profile's (its fixed 1 GB heap, in JAVA_OPTS), not a test server's.
     */
    private static Map<String, String> serverJvmOptions() {
        String extra = System.getProperty("bench.serverJvm", "").trim();
        String base = System.getenv().getOrDefault("JAVA_OPTS", WildFlyProcess.JAVA_OPTS);
        return extra.isEmpty() ? Map.of() : Map.of("JAVA_OPTS", base + " " + extra);
    }

    /** A small scan first, so the cases do not pay for class loading and the first JIT compilations. */
    private void warmUp() throws Exception {
        LabLayout layout = new LabLayout("127.9.0.0", 256)
                .hosts(0, 16, Personality.OPEN_RELAY, "CONFIRMED_RELAY")
                .hosts(16, 48, Personality.CLOSED, "SECURED")
                .restRefused();
        System.out.println("warm-up: " + layout.targets());
        try (Lab lab = layout.start(LAB_PORT, receiver, Duration.ZERO)) {
            ScanRun.Measured m = scans.run("warm-up", request(layout, "full", PARTITIONS, 64, 2_000, 5_000, 30_000),
                    SCAN_LIMIT, false);
            System.out.printf(Locale.ROOT, "warm-up: %s in %.1f s, counts %s%n", m.status(), m.wallSeconds(), m.counts());
        }
    }

    /**
     * 4,096 addresses (64 in a smoke pass): 1,000 open relays, 3,000 closed servers, 96 refused; the case's battery
     * with DATA. Then the bare loop against the same lab. Each round of each case has the /20 {@code 127.net.0.0}.
     */
    private void mixed(MixedCase c, int round, int net) throws Exception {
        Duration replyDelay = c.replyDelay();
        String name = c.name() + (round > 0 ? "-r" + round : "-warm-up" + (1 - round));
        LabLayout layout = SMOKE
                ? new LabLayout("127." + net + ".0.0", 64)
                        .hosts(0, 16, Personality.OPEN_RELAY, "CONFIRMED_RELAY")
                        .hosts(16, 46, Personality.CLOSED, "SECURED")
                        .restRefused()
                : new LabLayout("127." + net + ".0.0", 4_096)
                        .hosts(0, 1_000, Personality.OPEN_RELAY, "CONFIRMED_RELAY")
                        .hosts(1_000, 3_000, Personality.CLOSED, "SECURED")
                        .restRefused();
        int chunk = Integer.getInteger("bench.mixedChunk", 128);
        CaseResult product;
        try (Lab lab = layout.start(LAB_PORT, receiver, replyDelay, c.pipelining())) {
            System.out.println(name + ": " + layout.targets() + ", reply delay " + replyDelay.toMillis() + " ms, profile "
                    + c.profile() + (c.pipelining() ? "" : ", no PIPELINING"));
            ScanRun.Measured m = scans.run(name, request(layout, c.profile(), MIXED_BLOCKS, chunk, 2_000, 5_000, 60_000),
                    SCAN_LIMIT, record);
            product = add(new CaseResult(name, layout.addresses(), layout.live(), m.probingSeconds(), m,
                    layout.expectedCounts(), "in flight " + Math.min(MAX_IN_FLIGHT, PARTITIONS * chunk)
                    + ", " + MIXED_BLOCKS + " blocks; lab relayed " + lab.deliveries() + " messages, "
                    + lab.deliveryFailures() + " failed" + (lab.deliveryFailures() == 0 ? ""
                    : " " + lab.deliveryFailureReasons())));
        }
        int concurrency = Math.min(MAX_IN_FLIGHT, PARTITIONS * chunk);
        try (DiscardingSmtpSink sink = new DiscardingSmtpSink();
             Lab lab = layout.start(LAB_PORT, sink.address(), replyDelay, c.pipelining())) {
            double cpu = ScanRun.benchCpuSeconds();
            int[] range = layout.addressRange();
            BareSmtpLoop.Result bare = new BareSmtpLoop(Battery.builtIn().profile(c.profile()), LAB_PORT, concurrency,
                    SCAN_LIMIT, c.pipelining()).run(range[0], range[1]);
            double ratio = product.addressesPerSecond() / bare.addressesPerSecond();
            add(new CaseResult("bare-" + name, bare.addresses(), bare.conversations(), bare.nanos() / 1e9, null, null,
                    String.format(Locale.ROOT, "concurrency %d, %d refused, %d messages accepted, CPU %.1f s; "
                                    + "product/bare = %.2f", concurrency, bare.refused(), bare.accepted(),
                            ScanRun.benchCpuSeconds() - cpu, ratio)));
        }
    }

    /**
     * A sweep: per /24, one host at .25 (an open relay in every fourth /24, a closed server otherwise) and a closed
     * server at .80 in every second /24; everything else refused. 384 live hosts per /16.
     */
    private void sweep(String name, String first, int addresses) throws Exception {
        LabLayout layout = new LabLayout(first, addresses);
        for (int net = 0; net < addresses / 256; net++) {
            if (net % 4 == 0) {
                layout.host(net * 256L + 25, Personality.OPEN_RELAY, "CONFIRMED_RELAY");
            } else {
                layout.host(net * 256L + 25, Personality.CLOSED, "SECURED");
            }
            if (net % 2 == 0) {
                layout.host(net * 256L + 80, Personality.CLOSED, "SECURED");
            }
        }
        layout.restRefused();
        int chunk = 2_000;
        try (Lab lab = layout.start(LAB_PORT, receiver, Duration.ZERO)) {
            System.out.println(name + ": " + layout.targets() + ", " + layout.live() + " live hosts");
            ScanRun.Measured m = scans.run(name, request(layout, "full", PARTITIONS, chunk, 2_000, 5_000, 60_000),
                    SCAN_LIMIT, record);
            add(new CaseResult(name, layout.addresses(), layout.live(), m.probingSeconds(), m, layout.expectedCounts(),
                    "in flight " + Math.min(MAX_IN_FLIGHT, PARTITIONS * chunk)));
        }
    }

    /** 2,000 hosts (20 in a smoke pass) that accept the connection and never speak, with a 2 s banner timeout. */
    private void silent() throws Exception {
        int hosts = SMOKE ? 20 : 2_000;
        LabLayout layout = new LabLayout("127.30.0.0", hosts)
                .hosts(0, hosts, Personality.SILENT, "NO_GREETING")
                .restRefused();
        int chunk = 250;
        int inFlight = Math.min(MAX_IN_FLIGHT, PARTITIONS * chunk);
        double ideal = Math.ceil((double) hosts / inFlight) * 2.0;
        try (Lab lab = layout.start(LAB_PORT, receiver, Duration.ZERO)) {
            System.out.println("silent: " + layout.targets() + ", banner timeout 2 s");
            ScanRun.Measured m = scans.run("silent", request(layout, "full", PARTITIONS, chunk, 2_000, 2_000, 0),
                    SCAN_LIMIT, record);
            add(new CaseResult("silent", layout.addresses(), layout.live(), m.probingSeconds(), m,
                    layout.expectedCounts(), String.format(Locale.ROOT, "in flight %d; ideal %.1f s; probing/ideal = %.2f",
                    inFlight, ideal, m.probingSeconds() / ideal)));
        }
    }

    private static String request(LabLayout layout, String profile, int blocks, int chunkSize, long connectMs,
                                  long commandMs, long windowMs) {
        return """
                {"targets": "%s", "ports": "%d", "profile": "%s",
                 "options": {"connectTimeoutMs": %d, "commandTimeoutMs": %d, "hostBudgetMs": 60000,
                             "confirmationWindowMs": %d, "partitions": %d, "chunkSize": %d}}"""
                .formatted(layout.targets(), LAB_PORT, profile, connectMs, commandMs, windowMs, blocks, chunkSize);
    }

    /**
     * The round (of 1..rounds) with the median rate, as the case's row: single runs on two shared cores vary by a
     * third and more (the JIT, the other JVM's collections), the median of several is what a scan can count on.
     */
    private void median(String name, int rounds) {
        List<CaseResult> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String runName = name + "-r" + round;
            results.stream().filter(r -> r.name().equals(runName)).forEach(runs::add);
        }
        runs.sort(java.util.Comparator.comparingDouble(CaseResult::addressesPerSecond));
        CaseResult middle = runs.get((runs.size() - 1) / 2);
        String rates = runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.addressesPerSecond()))
                .collect(java.util.stream.Collectors.joining(", "));
        add(new CaseResult(name, middle.addresses(), middle.live(), middle.seconds(), middle.measured(),
                middle.expected(), "median of " + runs.size() + " rounds (" + rates + " addresses/s) is "
                + middle.name() + "; " + middle.note()));
    }

    private CaseResult add(CaseResult result) {
        results.add(result);
        System.out.println(BenchReport.line(result));
        return result;
    }
}
