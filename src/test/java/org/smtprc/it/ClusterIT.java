package org.smtprc.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster (README "Cluster"): two WildFly nodes of the HA configuration (standalone-full-ha.xml, made by
 * wildfly-config/full-ha.sh) sharing one PostgreSQL database, found by each other over TCP from a static member list,
 * each with its own receiver. The lab's relays deliver to the second node's receiver only, so every proof of a scan
 * that the first node plans passes through the shared ledger; the crash drill's lab delivers to the first node, which
 * survives it. PostgreSQL only: the nodes need one database.
 */
@EnabledIfSystemProperty(named = "smtprc.it.db-url", matches = ".+", disabledReason = "a cluster shares PostgreSQL")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** Beside the Arquillian server of the same run and the crash drill (offset + 100). */
    private static final int OFFSET_A = Integer.getInteger("smtprc.it.port-offset", 100) + 100;
    private static final int OFFSET_B = OFFSET_A + 100;
    private static final int RECEIVER_A = Integer.getInteger("smtprc.it.receiver-port", 10125) + 100;
    private static final int RECEIVER_B = RECEIVER_A + 100;
    /** The static member list: no multicast. */
    private static final String MEMBERS = ClusterNodes.members(OFFSET_A, OFFSET_B);
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/smtprc_cluster";
    private static final Path BASE_DIR = Path.of("target/cluster");
    /** Long enough that a node busy booting or scanning on two cores is not taken for dead; the drill waits it out. */
    private static final String LEASE_MS = "10000";
    private static final String DRILL_SCAN = """
            {"targets": "127.0.88.0/29, 127.0.89.0/29, 127.0.90.0/29, 127.0.91.0/29, 127.0.92.0/29, 127.0.93.0/29, \
             127.0.94.0/29, 127.0.95.0/29", "ports": "2525", "profile": "quick",
             "options": {"partitions": 8, "chunkSize": 1, "connectTimeoutMs": 1000, "commandTimeoutMs": 3000,
                         "confirmationWindowMs": 20000, "recordUnresponsive": true}}""";

    private static Lab lab;
    /** The crash drill's lab: slower, and its relays deliver to node A, which survives the drill. */
    private static Lab slowLab;
    private static WildFlyProcess nodeA;
    private static WildFlyProcess nodeB;
    /** The second test's scan, copied by the last one. */
    private static long spreadScan;
    /** The node the sixth test kills for good, and the other one. */
    private static String deadNode;
    private static ScanApi survivor;

    @BeforeAll
    static void startCluster() throws Exception {
        WildFlyProcess.deleteTree(BASE_DIR);
        lab = Lab.builder().port(2525)
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), RECEIVER_B))
                .replyDelay(Duration.ofMillis(40))
                .host("127.0.84.5", Personality.OPEN_RELAY)
                .host("127.0.85.5", Personality.OPEN_RELAY)
                .host("127.0.86.5", Personality.OPEN_RELAY)
                .hosts("127.0.84.8/29", Personality.CLOSED)
                .hosts("127.0.86.8/29", Personality.CLOSED)
                .host("127.0.87.70", Personality.ACCEPT_THEN_DROP)
                .start();
        Lab.Builder slow = Lab.builder().port(2525)
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), RECEIVER_A))
                .replyDelay(Duration.ofMillis(150));
        for (int block = 0; block < 8; block++) {
            // every block (one network) of the drill's scan takes a while: four closed hosts each, one at a time
            for (int host = 1; host <= 4; host++) {
                slow.host(drillAddress(8 * block + host), Personality.CLOSED);
            }
        }
        slowLab = slow.host("127.0.88.5", Personality.OPEN_RELAY).host("127.0.90.5", Personality.OPEN_RELAY)
                .host("127.0.94.5", Personality.OPEN_RELAY).start();
        // both boots at once: each waits for the other's JGroups member half of the time
        CompletableFuture<WildFlyProcess> b = CompletableFuture.supplyAsync(() -> node("node-b", OFFSET_B, RECEIVER_B));
        try {
            nodeA = node("node-a", OFFSET_A, RECEIVER_A);
        } finally {
            nodeB = b.join();
        }
        // node A plans the scans: its bridge to B must be up
        ClusterNodes.awaitMessagingBridge(OFFSET_A, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Lab each : new Lab[]{lab, slowLab}) {
            if (each != null) {
                each.close();
            }
        }
        for (WildFlyProcess node : new WildFlyProcess[]{nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void theNodesFindEachOtherOverTcpAndEachHasItsOwnReceiver() throws Exception {
        for (int offset : new int[]{OFFSET_A, OFFSET_B}) {
            String view = cli(offset, "/subsystem=jgroups/channel=ee:read-attribute(name=view)")
                    .getString("result");
            assertThat(view).as("JGroups view on the node at offset %d", offset).contains("node-a", "node-b");
        }
        for (int port : new int[]{RECEIVER_A, RECEIVER_B}) {
            try (SmtpTestClient client = new SmtpTestClient(port)) {
                assertThat(client.greeting()).startsWith("220");
            }
        }
    }

    /**
     * A scan planned on node A: its blocks are spread over both nodes by the clustered queue, each block runs once as
     * a job of its own, the last block's node finishes the scan, and every verdict is the one a single server finds.
     */
    @Test
    @Order(2)
    void aScanRunsItsBlocksOnBothNodesAndEndsWithEveryVerdictRight() throws Exception {
        ScanApi api = new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR);
        long id = api.startScan("""
                {"targets": "127.0.84.0/28, 127.0.85.0/28, 127.0.86.0/28, 127.0.87.0/28", "ports": "2525",
                 "profile": "quick", "options": {"partitions": 8, "chunkSize": 2, "connectTimeoutMs": 1000, "commandTimeoutMs": 3000,
                             "confirmationWindowMs": 20000, "recordUnresponsive": true}}""");
        spreadScan = id;

        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(3), false);

        assertThat(scan.getString("status")).as(scan.toString()).isEqualTo("COMPLETED");
        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY")).as(counts.toString()).isEqualTo(3);
        assertThat(counts.getInt("SECURED")).isEqualTo(16);
        assertThat(counts.getInt("REFUSED")).isEqualTo(64 - 3 - 16);
        List<JsonObject> blocks = api.get("api/scans/" + id + "/blocks").array().getValuesAs(JsonObject.class);
        // one block per network, never a network split between two nodes (politeness limits hold per node)
        assertThat(blocks).hasSize(4).allMatch(b -> b.getBoolean("done") && b.getInt("runs") == 1,
                "done, and run once");
        assertThat(blocks.stream().map(b -> b.getString("node")).collect(Collectors.toSet()))
                .as("the nodes that ran the blocks: %s", blocks).isEqualTo(Set.of("node-a", "node-b"));
        // each node numbers the executions of its own job repository
        assertThat(blocks.stream().map(b -> b.getString("node") + "/" + b.getJsonNumber("executionId")).distinct())
                .hasSize(4);
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class);
        assertThat(hosts).hasSize(64);
        assertThat(hosts.stream().map(h -> h.getString("address")).distinct()).hasSize(64);
        // node B's view of the same scan: one database
        JsonObject fromB = new ScanApi(nodeB.baseUri(), TestUsers.OPERATOR).scan(id);
        assertThat(fromB.getJsonObject("counts")).isEqualTo(counts);
    }

    /**
     * The job repository is shared: a node that starts (here: redeploys SmtpRC, which runs its crash recovery) sees
     * the scan another node is running recorded as running, and must leave it alone, not take it for a crashed one.
     */
    @Test
    @Order(3)
    void aNodeThatStartsLeavesTheScanAnotherNodeRunsAlone() throws Exception {
        ScanApi api = new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR);
        // one host that accepts and never delivers: the scan waits its whole confirmation window on one node
        long id = api.startScan(acceptAndDropScan(30_000));
        String runner = lastPartStarted(api, id).getString("node");
        int other = runner.equals("node-a") ? OFFSET_B : OFFSET_A;

        JbossCli.Answer redeploy = JbossCli.connectedTo(9990 + other).run("/deployment=smtprc.war:redeploy");

        assertThat(redeploy.succeeded()).as(redeploy.toString()).isTrue();
        JsonObject after = api.scan(id);
        assertThat(after.getString("status")).as(after.toString()).isEqualTo("CONFIRMING");
        JsonObject ended = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(ended.getString("status")).as(ended.toString()).isEqualTo("COMPLETED");
        assertThat(ended.getJsonObject("counts").getInt("ACCEPTS_RELAY")).isEqualTo(1);
    }

    /**
     * A stop while the blocks run on both nodes: each block's job ends after its chunk in flight and releases its block,
     * the scan is STOPPED once none runs, and a restart (asked of the other node) hands the unfinished blocks out again
     * from their committed positions: the scan completes with the counts of an uninterrupted one, each endpoint once.
     */
    @Test
    @Order(4)
    void aStopReachesTheBlocksOnEveryNodeAndARestartFinishesTheScan() throws Exception {
        ScanApi api = new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR);
        long id = api.startScan(DRILL_SCAN);
        await(api, id, scan -> blocks(api, id).stream().filter(b -> b.getJsonNumber("next").longValue()
                > b.getJsonNumber("start").longValue()).count() >= 2, Duration.ofMinutes(2));

        ScanApi.Reply stop = api.post("api/scans/" + id + "/stop", "");

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        JsonObject stopped = await(api, id, scan -> scan.getString("status").equals("STOPPED"), Duration.ofMinutes(1));
        List<JsonObject> atStop = blocks(api, id);
        assertThat(atStop).as("blocks at the stop: %s", atStop).anyMatch(b -> !b.getBoolean("done"))
                .allMatch(b -> b.getBoolean("done") || b.getString("node", null) == null);
        assertThat(stopped.getString("statusDetail")).contains("restart the scan");

        ScanApi onB = new ScanApi(nodeB.baseUri(), TestUsers.OPERATOR);
        ScanApi.Reply restart = onB.post("api/scans/" + id + "/restart", "");
        assertThat(restart.status()).as(restart.body()).isEqualTo(200);
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(3), false);

        assertThat(scan.getString("status")).as(scan.toString()).isEqualTo("COMPLETED");
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class);
        assertThat(hosts).hasSize(64);
        assertThat(hosts.stream().map(h -> h.getString("address")).distinct()).hasSize(64);
        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY")).as(counts.toString()).isEqualTo(3);
        assertThat(counts.getInt("SECURED")).isEqualTo(32);
        assertThat(counts.getInt("REFUSED")).isEqualTo(64 - 3 - 32);
    }

    /**
     * The crash drill (node B comes back in the next test): node B is killed (SIGKILL) while it runs blocks of a scan
     * planned on node A. Once B's lease has run out A takes B's unfinished blocks over and runs each again from its last
     * committed chunk; the scan completes with exactly one outcome per endpoint and the counts of an uninterrupted scan
     * of the same lab. (No second scan right after the kill: Artemis may still route a new scan's blocks towards the
     * dead node, where they would wait a lease before A takes them over.)
     */
    @Test
    @Order(5)
    void aKilledNodesBlocksAreTakenOverAndTheScanEndsLikeAnUninterruptedOne() throws Exception {
        ScanApi api = new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR);
        long id = api.startScan(DRILL_SCAN);
        await(api, id, scan -> blocks(api, id).stream().anyMatch(b -> "node-b".equals(b.getString("node", null))
                && b.getJsonNumber("next").longValue() > b.getJsonNumber("start").longValue()
                && !b.getBoolean("done")), Duration.ofMinutes(2));

        nodeB.kill();
        List<JsonObject> atKill = blocks(api, id);
        Map<String, Integer> committedContacts = contacts(atKill);
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(3), false);

        assertThat(scan.getString("status")).as(scan.toString()).isEqualTo("COMPLETED");
        List<JsonObject> hosts = api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class);
        assertThat(hosts).hasSize(64);
        assertThat(hosts.stream().map(h -> h.getString("address")).distinct()).hasSize(64);
        List<JsonObject> after = blocks(api, id);
        for (int i = 0; i < after.size(); i++) {
            JsonObject before = atKill.get(i);
            boolean cutOff = "node-b".equals(before.getString("node", null)) && !before.getBoolean("done");
            assertThat(after.get(i).getBoolean("done")).as("block %d: %s", i, after.get(i)).isTrue();
            if (cutOff) {
                assertThat(after.get(i).getString("node")).as("block %d: %s", i, after.get(i)).isEqualTo("node-a");
                assertThat(after.get(i).getInt("runs")).as("runs of block %d", i).isEqualTo(before.getInt("runs") + 1);
            } else {
                assertThat(after.get(i).getInt("runs")).as("runs of block %d", i).isEqualTo(1);
            }
        }
        assertThat(contacts(atKill)).as("endpoints committed before the kill were not probed again")
                .isEqualTo(committedContacts);

        // the counts of an uninterrupted scan of this lab (each personality's verdict as in the second test)
        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY")).as(counts.toString()).isEqualTo(3);
        assertThat(counts.getInt("SECURED")).isEqualTo(32);
        assertThat(counts.getInt("REFUSED")).isEqualTo(64 - 3 - 32);
        assertThat(counts).hasSize(3);
    }

    /**
     * Last, after the drill: node B comes back (it runs none of the blocks A took over), and a scan's last part is cut
     * off by killing the node that runs it. Once that node's lease has run out the other node makes the scan
     * INTERRUPTED, naming the dead node, and a restart there completes it.
     */
    @Test
    @Order(6)
    void aScanWhoseLastPartsNodeDiesIsInterruptedByTheOtherNodeAndRestartsThere() throws Exception {
        nodeB = node("node-b", OFFSET_B, RECEIVER_B);
        ClusterNodes.awaitMessagingBridge(OFFSET_A, Duration.ofMinutes(1));
        ScanApi onA = new ScanApi(nodeA.baseUri(), TestUsers.OPERATOR);
        // one host that accepts and never delivers: the last part waits its whole confirmation window
        long id = onA.startScan(acceptAndDropScan(10_000));
        String runner = lastPartStarted(onA, id).getString("node");
        boolean aRuns = runner.equals("node-a");
        deadNode = runner;
        survivor = new ScanApi((aRuns ? nodeB : nodeA).baseUri(), TestUsers.OPERATOR);

        (aRuns ? nodeA : nodeB).kill();

        JsonObject interrupted = await(survivor, id, s -> s.getString("status").equals("INTERRUPTED"),
                Duration.ofMinutes(1));
        assertThat(interrupted.getString("statusDetail")).contains(runner, "restart the scan");
        ScanApi.Reply restart = survivor.post("api/scans/" + id + "/restart", "");
        assertThat(restart.status()).as(restart.body()).isEqualTo(200);
        JsonObject ended = survivor.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(ended.getString("status")).as(ended.toString()).isEqualTo("COMPLETED");
        assertThat(ended.getString("node")).isNotEqualTo(runner);
        assertThat(ended.getJsonObject("counts").getInt("ACCEPTS_RELAY")).isEqualTo(1);
    }

    /**
     * The planning node dies after storing a scan's blocks and before any node took one (it never sent them, or their
     * messages wait on its queue). Made in the database as that death leaves it: a copy of the second test's scan,
     * PROBING, its job on the node the sixth test killed, its blocks untouched and handed out an hour ago. The live
     * node takes every block over, runs it, and completes the scan with the original's counts.
     */
    @Test
    @Order(7)
    void blocksThatNoNodeTookAreTakenOverAndTheScanCompletes() throws Exception {
        long id;
        try (Connection db = DriverManager.getConnection(DATABASE, "smtprc", "smtprc");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("create temporary table lost_scan on commit drop as select * from scan where id = " + spreadScan);
            sql.execute("update lost_scan set id = (select max(id) + 1000 from scan), status = 'PROBING', node_name = '"
                    + deadNode + "', execution_id = null, finished_at = null, probing_ended_at = null,"
                    + " status_detail = null, created_at = now(), probing_started_at = now(),"
                    + " confirmation_window_ms = 3000");
            sql.execute("insert into scan select * from lost_scan");
            try (ResultSet copied = sql.executeQuery("select id from lost_scan")) {
                copied.next();
                id = copied.getLong(1);
            }
            sql.execute("create temporary table lost_blocks on commit drop as select * from scan_block where scan_id = "
                    + spreadScan);
            sql.execute("update lost_blocks set id = (select max(id) + 1000 from scan_block) + block_number, scan_id = "
                    + id + ", next_index = start_index, refused_count = 0, unreachable_count = 0, run_count = 0,"
                    + " node_name = null, execution_id = null, handed_out_at = now() - interval '1 hour'");
            sql.execute("insert into scan_block select * from lost_blocks");
            db.commit();
        }

        JsonObject scan = survivor.awaitEnd(id, Duration.ofMinutes(2), false);

        assertThat(scan.getString("status")).as(scan.toString()).isEqualTo("COMPLETED");
        String live = deadNode.equals("node-a") ? "node-b" : "node-a";
        assertThat(blocks(survivor, id)).hasSize(4).allSatisfy(block -> {
            assertThat(block.getBoolean("done")).as(block.toString()).isTrue();
            assertThat(block.getInt("runs")).as(block.toString()).isEqualTo(1);
            assertThat(block.getString("node")).as(block.toString()).isEqualTo(live);
        });
        List<JsonObject> hosts = survivor.get("api/scans/" + id + "/hosts?limit=1000").array()
                .getValuesAs(JsonObject.class);
        assertThat(hosts.stream().map(h -> h.getString("address")).distinct()).hasSize(64);
        // the relays deliver to node B's receiver: proven if B is the live node, accepted unproven if not
        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY", 0) + counts.getInt("ACCEPTS_RELAY", 0)).as(counts.toString())
                .isEqualTo(3);
        assertThat(counts.getInt("SECURED")).isEqualTo(16);
        assertThat(counts.getInt("REFUSED")).isEqualTo(64 - 3 - 16);
    }

    /** A scan of the one host that accepts and never delivers: its last part waits the whole confirmation window. */
    private static String acceptAndDropScan(int windowMs) {
        return """
                {"targets": "127.0.87.70", "ports": "2525", "profile": "quick",
                 "options": {"partitions": 1, "connectTimeoutMs": 1000, "commandTimeoutMs": 3000,
                             "confirmationWindowMs": %d}}""".formatted(windowMs);
    }

    /**
     * The scan once its last part runs: CONFIRMING, and its job no longer the planning one (each node numbers its own
     * executions, so the node and the number together name a job).
     */
    private static JsonObject lastPartStarted(ScanApi api, long id) throws InterruptedException {
        String planned = job(api.scan(id));
        return await(api, id, s -> s.getString("status").equals("CONFIRMING") && !job(s).equals(planned),
                Duration.ofMinutes(1));
    }

    private static String job(JsonObject scan) {
        return scan.getString("node", "") + "/" + scan.get("executionId");
    }

    /** Lab connections so far of every drill address a block had committed. */
    private static Map<String, Integer> contacts(List<JsonObject> blocks) {
        Map<String, Integer> contacts = new HashMap<>();
        for (JsonObject block : blocks) {
            for (long i = block.getJsonNumber("start").longValue(); i < block.getJsonNumber("next").longValue(); i++) {
                String address = drillAddress(i);
                if (slowLab.hasHost(address)) {
                    contacts.put(address, slowLab.connections(address));
                }
            }
        }
        return contacts;
    }

    /** The drill scan's endpoint at this index: eight networks of eight addresses, one port. */
    private static String drillAddress(long index) {
        return "127.0." + (88 + index / 8) + "." + (index % 8);
    }

    private static List<JsonObject> blocks(ScanApi api, long id) {
        return api.get("api/scans/" + id + "/blocks").array().getValuesAs(JsonObject.class);
    }

    private static WildFlyProcess node(String name, int offset, int receiverPort) {
        return ClusterNodes.start(BASE_DIR, name, offset, receiverPort, MEMBERS, DATABASE,
                Map.of("smtprc.cluster.lease-ms", LEASE_MS));
    }

    private static JsonObject cli(int offset, String operation) throws Exception {
        return JbossCli.connectedTo(9990 + offset).run(operation).result();
    }

    private static JsonObject await(ScanApi api, long id, Predicate<JsonObject> reached, Duration limit)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            JsonObject scan = api.scan(id);
            if (reached.test(scan)) {
                return scan;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("scan " + id + " did not get there: " + api.scan(id));
    }
}
