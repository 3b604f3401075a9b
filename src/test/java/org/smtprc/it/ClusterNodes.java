package org.smtprc.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cluster nodes on one machine (README "Cluster"), for ClusterIT and the cluster benchmark: WildFly's HA configuration
 * made by wildfly-config/full-ha.sh, each node with its own base directory, port offset and receiver, all sharing one
 * PostgreSQL database and finding each other over TCP from a static member list (no multicast).
 */
public final class ClusterNodes {

    private static final Duration BOOT = Duration.ofMinutes(4);

    private ClusterNodes() {
    }

    /** The static member list of nodes at these port offsets: each node's JGroups TCP port, 7600 plus its offset. */
    public static String members(int... offsets) {
        return Arrays.stream(offsets).mapToObj(offset -> "127.0.0.1[" + (7600 + offset) + "]")
                .collect(Collectors.joining(","));
    }

    /**
     * Boots a node of the cluster and waits for SmtpRC's API; {@code properties} adds or overrides system properties
     * (smtprc.cluster.lease-ms, smtprc.max-in-flight, ...).
     */
    public static WildFlyProcess start(Path baseDir, String name, int offset, int receiverPort, String members,
                                       String database, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of(
                "jboss.node.name", name,
                "smtprc.cluster.enabled", "true",
                "smtprc.cluster.members", members,
                "smtprc.db.url", database,
                "smtprc.receiver.port", Integer.toString(receiverPort),
                "smtprc.helo-name", "scanner.smtprc.test"));
        all.putAll(properties);
        try {
            return new WildFlyProcess(WildFlyProcess.defaultHome(), baseDir.resolve(name), offset, all)
                    .withServerConfig("standalone-full-ha.xml")
                    .start(WildFlyProcess.defaultWar(), BOOT);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while node " + name + " booted", interrupted);
        }
    }

    /**
     * Artemis's cluster bridge from the node at this offset is up once its cluster connection lists another node: only
     * then does the clustered queue hand blocks sent there to the other nodes.
     */
    public static void awaitMessagingBridge(int offset, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonObject nodes = null;
        while (Instant.now().isBefore(deadline)) {
            nodes = JbossCli.connectedTo(9990 + offset).run("/subsystem=messaging-activemq/server=default"
                    + "/cluster-connection=my-cluster:get-nodes").result().getJsonObject("result");
            if (!nodes.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the messaging cluster did not form: " + nodes);
    }
}
