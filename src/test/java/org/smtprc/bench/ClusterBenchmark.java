package org.smtprc.bench;

import org.smtprc.it.ClusterNodes;
import org.smtprc.it.ScanApi;
import org.smtprc.it.TestUsers;
import org.smtprc.it.WildFlyProcess;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 19's measured scale: the same scans on a cluster of one node, then of two (README "Cluster" and "Benchmark").
 * Both nodes run on this machine with port offsets and share the build's PostgreSQL; the lab's relays deliver to node
 * A's receiver. Run with {@code mvn -Pbenchmark-cluster verify}; it prints a table and the two-node/one-node ratio of
 * each case.
 *
 * <ul>
 *   <li><b>silent</b>: 2,048 hosts in eight /24s that accept the connection and never greet, 2 s banner timeout, at
 *       most {@value #IN_FLIGHT} conversations per node: latency-bound, one node needs four rounds of 2 s, two nodes
 *       two.</li>
 *   <li><b>mixed-20ms</b>: the benchmark's mixed layout (1,000 open relays, 3,000 closed, 96 refused; the full battery,
 *       20 ms per reply), CPU-bound on a small machine.</li>
 * </ul>
 */
public final class ClusterBenchmark {

    private static final int OFFSET_A = 400;
    private static final int OFFSET_B = 500;
    private static final int RECEIVER_A = 10425;
    private static final int RECEIVER_B = 10525;
    private static final int LAB_PORT = 2525;
    private static final int IN_FLIGHT = 512;
    private static final int BLOCKS = 8;
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/smtprc_bench";
    private static final Duration SCAN_LIMIT = Duration.ofMinutes(6);
    private static final Path WORK = Path.of("target/bench-cluster");

    private final InetSocketAddress receiver;
    private final List<CaseResult> results = new ArrayList<>();
    private int nextNet = 40;

    private ClusterBenchmark(InetSocketAddress receiver) {
        this.receiver = receiver;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Machine.describe();
        System.out.println("SmtpRC cluster benchmark, " + started + ", " + machine + ", " + rounds + " rounds");
        WildFlyProcess.deleteTree(WORK);
        TestUsers.addTo(WildFlyProcess.defaultHome(), WildFlyProcess.defaultHome().resolve("standalone/configuration"));
        Path javaHome = Path.of(System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        String members = ClusterNodes.members(OFFSET_A, OFFSET_B);
        Map<String, String> properties = Map.of("smtprc.max-in-flight", Integer.toString(IN_FLIGHT),
                "smtprc.max-addresses", "65536");
        ClusterBenchmark bench = new ClusterBenchmark(
                new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), RECEIVER_A));
        System.out.println("Starting node A (log: " + WORK.resolve("node-a/log/server.log") + ") ...");
        try (WildFlyProcess nodeA = ClusterNodes.start(WORK, "node-a", OFFSET_A, RECEIVER_A, members, DATABASE,
                properties)) {
            ServerGauges gaugesA = new ServerGauges(nodeA.serverPid(), javaHome, WORK.resolve("node-a-gc.log"));
            ScanRun onA = new ScanRun(new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR), gaugesA, WORK);
            bench.rounds(onA, null, 1, rounds);
            System.out.println("Starting node B (log: " + WORK.resolve("node-b/log/server.log") + ") ...");
            try (WildFlyProcess nodeB = ClusterNodes.start(WORK, "node-b", OFFSET_B, RECEIVER_B, members, DATABASE,
                    properties)) {
                ClusterNodes.awaitMessagingBridge(OFFSET_A, Duration.ofMinutes(1));
                ServerGauges gaugesB = new ServerGauges(nodeB.serverPid(), javaHome, WORK.resolve("node-b-gc.log"));
                bench.rounds(onA, gaugesB, 2, rounds);
            }
        }
        bench.report(started, machine, rounds);
    }

    /** A warm-up of each case (node B has just booted in the second half), then the counted rounds. */
    private void rounds(ScanRun scans, ServerGauges other, int nodes, int rounds) throws Exception {
        for (int round = 0; round <= rounds; round++) {
            silent(scans, other, nodes, round);
            mixed(scans, other, nodes, round);
        }
    }

    private void silent(ScanRun scans, ServerGauges other, int nodes, int round) throws Exception {
        int hosts = 2_048;
        LabLayout layout = new LabLayout("127." + nextNet++ + ".0.0", hosts)
                .hosts(0, hosts, Personality.SILENT, "NO_GREETING")
                .restRefused();
        run("silent", nodes, round, scans, other, layout, Duration.ZERO, 256, 2_000, 2_000, 0);
    }

    private void mixed(ScanRun scans, ServerGauges other, int nodes, int round) throws Exception {
        LabLayout layout = new LabLayout("127." + nextNet++ + ".0.0", 4_096)
                .hosts(0, 1_000, Personality.OPEN_RELAY, "CONFIRMED_RELAY")
                .hosts(1_000, 3_000, Personality.CLOSED, "SECURED")
                .restRefused();
        run("mixed-20ms", nodes, round, scans, other, layout, Duration.ofMillis(20), 128, 2_000, 5_000, 60_000);
    }

    private void run(String kind, int nodes, int round, ScanRun scans, ServerGauges other, LabLayout layout,
                     Duration replyDelay, int chunk, long connectMs, long commandMs, long windowMs) throws Exception {
        String name = kind + "-" + nodes + "node" + (round == 0 ? "-warm-up" : "-r" + round);
        try (Lab lab = layout.start(LAB_PORT, receiver, replyDelay)) {
            System.out.println(name + ": " + layout.targets());
            ServerGauges.Mark mark = other == null ? null : other.mark();
            ScanRun.Measured m = scans.run(name, """
                    {"targets": "%s", "ports": "%d", "profile": "full",
                     "options": {"connectTimeoutMs": %d, "commandTimeoutMs": %d, "hostBudgetMs": 60000,
                                 "confirmationWindowMs": %d, "partitions": %d, "chunkSize": %d}}"""
                    .formatted(layout.targets(), LAB_PORT, connectMs, commandMs, windowMs, BLOCKS, chunk),
                    SCAN_LIMIT, false);
            String otherCpu = mark == null ? "" : String.format(Locale.ROOT, "; node B CPU %.1f s",
                    other.cpuSeconds() - mark.cpuSeconds());
            CaseResult result = new CaseResult(name, layout.addresses(), layout.live(), m.probingSeconds(), m,
                    layout.expectedCounts(), nodes + " node(s), " + IN_FLIGHT + " in flight per node; node A CPU "
                    + String.format(Locale.ROOT, "%.1f s", m.serverCpuSeconds()) + otherCpu + "; lab relayed "
                    + lab.deliveries() + " messages");
            if (round > 0) {
                results.add(result);
            }
            System.out.println(BenchReport.line(result));
        }
    }

    private void report(String started, String machine, int rounds) {
        System.out.println();
        System.out.println("SmtpRC cluster benchmark, " + started + ", " + machine);
        System.out.println();
        System.out.println("| case | nodes | addresses | probing s (rounds) | addr/s (median) | two nodes / one | counts |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String kind : List.of("silent", "mixed-20ms")) {
            double one = median(kind, 1, rounds);
            double two = median(kind, 2, rounds);
            for (int nodes = 1; nodes <= 2; nodes++) {
                List<CaseResult> runs = runs(kind, nodes, rounds);
                String seconds = String.join(" / ", runs.stream()
                        .map(r -> String.format(Locale.ROOT, "%.1f", r.seconds())).toList());
                boolean right = runs.stream().allMatch(CaseResult::countsRight);
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %,.0f | %s | %s |%n", kind, nodes,
                        runs.getFirst().addresses(), seconds, nodes == 1 ? one : two,
                        nodes == 1 ? "" : String.format(Locale.ROOT, "%.2f", two / one), right ? "OK" : "WRONG");
            }
        }
        List<String> wrong = results.stream().filter(r -> !r.countsRight()).map(CaseResult::name).toList();
        System.out.println(wrong.isEmpty() ? "verdict counts exactly right in every round" : "verdict counts WRONG in "
                + wrong);
    }

    private List<CaseResult> runs(String kind, int nodes, int rounds) {
        List<CaseResult> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String name = kind + "-" + nodes + "node-r" + round;
            results.stream().filter(r -> r.name().equals(name)).forEach(runs::add);
        }
        return runs;
    }

    private double median(String kind, int nodes, int rounds) {
        double[] rates = runs(kind, nodes, rounds).stream().mapToDouble(CaseResult::addressesPerSecond).sorted()
                .toArray();
        return rates.length % 2 == 1 ? rates[rates.length / 2]
                : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
    }
}
