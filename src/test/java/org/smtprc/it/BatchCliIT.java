package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan job driven from WildFly's own CLI ({@code bin/jboss-cli.sh}), as the README shows: {@code start-job} with
 * the targets as job parameters creates a scan through the API's checks (audited as the management interface), a bad
 * request fails the execution with the reason and creates nothing, and {@code stop-job} / {@code restart-job} keep the
 * scan's status right, with the scope checked on the restart as an API restart checks it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchCliIT {

    private static final String JOB_OPERATIONS = "/deployment=smtprc.war/subsystem=batch-jberet";
    private static final String SCOPE = "127.0.0.0/8, ::1";
    /** The default scope without the stop-and-restart lab's last quarter, 127.0.82.28-31. */
    private static final String NARROWED = "127.0.0.0-127.0.82.27, 127.0.82.32-127.255.255.255, ::1";
    private static final String QUICK = "ports=\"" + SmtpRcDeployment.LAB_PORT + "\", profile=\"quick\","
            + " connectTimeoutMs=\"1000\", commandTimeoutMs=\"5000\", confirmationWindowMs=\"0\", greylistRetryMs=\"0\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private ScanApi api;
    private JbossCli cli;
    private Lab lab;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        cli = JbossCli.connectedTo(management.getMgmtPort());
        lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                // slow enough (about 5 s a chunk) that the CLI's stop, a JVM of its own, lands part-way
                .replyDelay(Duration.ofMillis(1000))
                .hosts("127.0.82.0/29", Personality.CLOSED)
                .host("127.0.82.9", Personality.OPEN_RELAY)
                .hosts("127.0.82.16/28", Personality.CLOSED)
                .start();
    }

    @AfterEach
    void restoreScopeAndStopLab() {
        try {
            assertThat(api.put("api/scope", "{\"networks\": \"" + SCOPE + "\"}").status()).isEqualTo(200);
        } finally {
            lab.close();
        }
    }

    @Test
    void startJobWithTargetsCreatesTheScanAndRunsIt() throws Exception {
        long execution = startJob("targets=\"127.0.82.0/29 127.0.82.9\", " + QUICK);

        long id = api.scanOfExecution(execution);
        JsonObject done = api.awaitEnd(id, Duration.ofMinutes(3), false);

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getJsonNumber("executionId").longValue()).isEqualTo(execution);
        assertThat(done.getString("targets")).contains("127.0.82.0/29").contains("127.0.82.9");
        assertThat(done.getString("profile")).isEqualTo("quick");
        JsonObject counts = done.getJsonObject("counts");
        assertThat(counts.getInt("SECURED")).isEqualTo(8);
        assertThat(counts.getInt("CONFIRMED_RELAY", 0) + counts.getInt("ANONYMOUS_RELAY", 0)
                + counts.getInt("ACCEPTS_RELAY", 0)).as("the open relay's verdict").isEqualTo(1);
        assertThat(awaitBatchEnd(execution)).as("the job execution, which ends just after the scan").isEqualTo("COMPLETED");
        assertThat(audit(id, "SCAN_STARTED")).hasValueSatisfying(entry -> {
            assertThat(entry.getString("actor")).isEqualTo("management");
            assertThat(entry.getString("from")).isEqualTo("WildFly's management interface");
            assertThat(entry.getString("detail")).contains("127.0.82.0/29");
        });
    }

    @Test
    void aBadRequestFailsTheExecutionWithTheReasonAndCreatesNothing() throws Exception {
        record Bad(String parameters, String reason) {
        }
        List<Bad> requests = List.of(
                new Bad("targets=\"198.51.100.0/30\", " + QUICK, "outside the authorised networks"),
                new Bad("targets=\"127.0.82.0/29\", " + QUICK.replace("connectTimeoutMs=\"1000\"", "connectTimeoutMs=\"soon\""),
                        "connectTimeoutMs=\"soon\" is not a whole number"),
                new Bad("targets=\"127.0.82.0/29\", " + QUICK.replace("profile=\"quick\"", "profile=\"no-such-profile\""),
                        "no-such-profile"),
                new Bad("targets=\"127.0.82.0/29\", timeoutMs=\"5\", " + QUICK, "unknown job parameter(s) [timeoutMs]"),
                new Bad("targets=\"127.0.82.0/29\", chunkTimeoutSeconds=\"10\", " + QUICK,
                        "chunkTimeoutSeconds=10 is shorter than a chunk of this scan may take"));
        for (Bad bad : requests) {
            long newestBefore = newestScanId();
            long execution = startJob(bad.parameters());

            String status = awaitBatchEnd(execution);
            assertThat(status).as(bad.parameters()).isEqualTo("FAILED");
            assertThat(executionAttribute(execution, "exit-status")).as(bad.parameters())
                    .startsWith("no scan created: ").contains(bad.reason());
            assertThat(newestScanId()).as("scans after " + bad.parameters()).isEqualTo(newestBefore);
            assertThat(api.get("api/audit?limit=20").array().getValuesAs(JsonObject.class))
                    .filteredOn(e -> e.getString("action").equals("SCAN_REFUSED")
                            && e.getString("detail").contains(bad.reason()))
                    .first()
                    .satisfies(e -> assertThat(e.getString("actor")).isEqualTo("management"));
        }
    }

    @Test
    void stopJobAndRestartJobKeepTheScanStatusRightAndCheckTheScope() throws Exception {
        long first = startJob("targets=\"127.0.82.16/28\", partitions=\"1\", chunkSize=\"2\", " + QUICK);
        long id = api.scanOfExecution(first);
        api.awaitFirstChunk(id);

        assertThat(cli.run(JOB_OPERATIONS + ":stop-job(execution-id=" + first + ")").succeeded()).isTrue();
        JsonObject stopped = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(stopped.getString("status")).isEqualTo("STOPPED");
        assertThat(awaitBatchEnd(first)).isEqualTo("STOPPED");
        long doneAtStop = stopped.getJsonObject("progress").getJsonNumber("done").longValue();
        assertThat(doneAtStop).as("endpoints done when stopped").isBetween(1L, 11L);

        assertThat(api.put("api/scope", "{\"networks\": \"" + NARROWED + "\"}").status()).isEqualTo(200);
        int lastQuarterBefore = lastQuarterConnections();
        long second = cli.run(JOB_OPERATIONS + ":restart-job(execution-id=" + first + ")").result()
                .getJsonNumber("result").longValue();

        Set<String> seen = new LinkedHashSet<>();
        JsonObject done = api.awaitCompleted(id, seen);
        assertThat(seen).as("statuses after the restart").contains("PROBING");
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getJsonNumber("executionId").longValue()).isEqualTo(second);
        assertThat(awaitBatchEnd(second)).isEqualTo("COMPLETED");
        JsonObject counts = done.getJsonObject("counts");
        assertThat(counts.getInt("SECURED")).isEqualTo(12);
        assertThat(counts.getInt("OUT_OF_SCOPE")).isEqualTo(4);
        assertThat(lastQuarterConnections()).as("connections outside the narrowed scope").isEqualTo(lastQuarterBefore);
        String note = "4 of " + (16 - doneAtStop)
                + " addresses left to probe are outside the authorised networks now and will be skipped";
        assertThat(audit(id, "SCAN_RESTARTED")).hasValueSatisfying(entry -> {
            assertThat(entry.getString("actor")).isEqualTo("management");
            assertThat(entry.getString("detail")).startsWith("execution " + first + " restarted as execution "
                    + second + " through WildFly's management interface").contains(note);
        });
    }

    private long startJob(String properties) throws Exception {
        return cli.run(JOB_OPERATIONS + ":start-job(job-xml-name=relay-scan, properties={" + properties + "})")
                .result().getJsonNumber("result").longValue();
    }

    private String batchStatus(long execution) throws Exception {
        return executionAttribute(execution, "batch-status");
    }

    /** Read through the management API directly: polling with a CLI process each time would be slow. */
    private String executionAttribute(long execution, String name) throws Exception {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").add("deployment", "smtprc.war").add("subsystem", "batch-jberet")
                .add("job", "relay-scan").add("execution", Long.toString(execution));
        read.get("name").set(name);
        return ServerProperties.execute(management.getControllerClient(), read).asString();
    }

    private String awaitBatchEnd(long execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String status = batchStatus(execution);
            if (Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job execution " + execution + " did not end: " + batchStatus(execution));
    }

    private long newestScanId() {
        return api.get("api/scans?limit=1").array().getValuesAs(JsonObject.class).stream()
                .mapToLong(s -> s.getJsonNumber("id").longValue()).max().orElse(0);
    }

    private Optional<JsonObject> audit(long scanId, String action) {
        return api.get("api/audit?scan=" + scanId).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("action").equals(action))
                .findFirst();
    }

    private int lastQuarterConnections() {
        int connections = 0;
        for (int host = 28; host < 32; host++) {
            connections += lab.connections("127.0.82." + host);
        }
        return connections;
    }
}
