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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.api.CrossSiteRequestGuard;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the right people scan, only what they may scan; and every action is on record. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String LAB_HOST = "127.1.9.1";
    private static final String SILENT_HOST = "127.0.61.1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private Lab lab;

    @AfterEach
    void cleanUp() throws Exception {
        if (lab != null) {
            lab.close();
        }
        operator().put("api/scope", "{\"networks\": \"127.0.0.0/8, ::1\"}");
    }

    /** A lab on the test port whose relays deliver to the test server's receiver. */
    private static Lab.Builder labDeliveringHere() throws Exception {
        return Lab.builder().port(2525).deliverTo(new InetSocketAddress(
                InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), SmtpRcDeployment.RECEIVER_PORT));
    }

    private ScanApi operator() throws Exception {
        return new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @Test
    void everyResourceWantsALoginAndTheRightRole() throws Exception {
        ScanApi operator = operator();
        long id = operator.startScan("{\"targets\": \"127.1.8.1\", \"ports\": \"2525\", "
                + "\"options\": {\"connectTimeoutMs\": 200, \"confirmationWindowMs\": 0}}");
        operator.awaitEnd(id, Duration.ofMinutes(1), false);
        List<String> reads = List.of("api/scans", "api/scans/" + id, "api/scans/" + id + "/hosts",
                "api/scans/" + id + "/blocks", "api/scans/" + id + "/report", "api/scans/" + id + "/report.csv",
                "api/scope", "api/audit");
        List<String> actions = List.of("api/scans", "api/scans/" + id + "/stop", "api/scans/" + id + "/restart");

        ScanApi anonymous = operator.as(null);
        ScanApi viewer = operator.as(TestUsers.VIEWER);
        ScanApi nobody = operator.as(TestUsers.NOBODY);
        for (String path : reads) {
            assertThat(anonymous.get(path).status()).as("anonymous GET %s", path).isEqualTo(401);
            assertThat(nobody.get(path).status()).as("role-less GET %s", path).isEqualTo(403);
            assertThat(viewer.get(path).status()).as("viewer GET %s", path).isEqualTo(200);
            assertThat(operator.get(path).status()).as("operator GET %s", path).isEqualTo(200);
        }
        for (String path : actions) {
            assertThat(anonymous.post(path, "{}").status()).as("anonymous POST %s", path).isEqualTo(401);
            assertThat(nobody.post(path, "{}").status()).as("role-less POST %s", path).isEqualTo(403);
            assertThat(viewer.post(path, "{}").status()).as("viewer POST %s", path).isEqualTo(403);
        }
        assertThat(viewer.put("api/scope", "{\"networks\": \"0.0.0.0/0\"}").status()).isEqualTo(403);
        assertThat(operator.get("api/scope").json().getString("networks")).doesNotContain("0.0.0.0/0");
    }

    @Test
    void aJobStartedAroundTheApiIsCheckedAgainstTheScopeBeforeAnyConnection() throws Exception {
        lab = labDeliveringHere().host(LAB_HOST, Personality.CLOSED).start();
        ScanApi operator = operator();
        long id = operator.startScan("{\"targets\": \"" + LAB_HOST + "\", \"ports\": \"2525\", "
                + "\"options\": {\"confirmationWindowMs\": 0}}");
        assertThat(operator.awaitEnd(id, Duration.ofMinutes(1), false).getString("status")).isEqualTo("COMPLETED");
        int connections = lab.connections(LAB_HOST);
        assertThat(connections).isPositive();

        assertThat(operator.put("api/scope", "{\"networks\": \"127.0.0.0/16, ::1\"}").status()).isEqualTo(200);
        assertThat(operator.post("api/scans", "{\"targets\": \"" + LAB_HOST + "\"}").status()).isEqualTo(403);

        ModelNode startJob = new ModelNode();
        startJob.get("operation").set("start-job");
        startJob.get("address").add("deployment", "smtprc.war").add("subsystem", "batch-jberet");
        startJob.get("job-xml-name").set("relay-scan");
        startJob.get("properties").get("scanId").set(Long.toString(id));
        startJob.get("properties").get("chunkSize").set("10");
        startJob.get("properties").get("chunkTimeoutSeconds").set("300");
        ModelNode result = management.getControllerClient().execute(startJob);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");

        JsonObject refused = awaitStatus(operator, id, "FAILED");
        assertThat(refused.getString("statusDetail")).contains(LAB_HOST).contains("127.0.0.0/16");
        assertThat(awaitJobEnd(result.get("result").asLong())).isEqualTo("FAILED");
        assertThat(operator.scan(id).getString("status")).as("the refused job went no further").isEqualTo("FAILED");
        assertThat(lab.connections(LAB_HOST)).isEqualTo(connections);

        List<JsonObject> audit = operator.get("api/audit?limit=20").array().getValuesAs(JsonObject.class);
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("SCOPE_CHANGED");
            assertThat(e.getString("actor")).isEqualTo(TestUsers.OPERATOR.name());
            assertThat(e.getString("detail")).contains("127.0.0.0/16");
            assertThat(e.getString("from")).startsWith("127.");
        });
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("SCAN_STARTED");
            assertThat(e.getJsonNumber("scanId").longValue()).isEqualTo(id);
            assertThat(e.getString("detail")).contains(LAB_HOST);
        });
        assertThat(audit).anySatisfy(e -> assertThat(e.getString("action")).isEqualTo("SCAN_REFUSED"));
    }

    @Test
    void whatAHostileHostSaysStaysInertInReportsAndBoundedInTheApi() throws Exception {
        lab = labDeliveringHere()
                .host("127.1.10.1", Personality.HOSTILE)
                .host("127.1.10.2", Personality.GARBAGE)
                .start();
        ScanApi operator = operator();
        long id = operator.startScan("{\"targets\": \"127.1.10.1-127.1.10.2\", \"ports\": \"2525\", "
                + "\"options\": {\"commandTimeoutMs\": 3000, \"confirmationWindowMs\": 5000}}");
        operator.awaitEnd(id, Duration.ofMinutes(2), false);

        String html = operator.get("api/scans/" + id + "/report").body();
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("\u0000").doesNotContain("\u001b");
        String csv = operator.get("api/scans/" + id + "/report.csv").body();
        assertThat(csv.lines()).allSatisfy(line -> assertThat(line).doesNotStartWith("=").doesNotContain(",=")
                .doesNotContain("\u0000").doesNotContain("\u001b"));

        String hosts = operator.get("api/scans/" + id + "/hosts").body();
        assertThat(hosts).doesNotContain("\u0000").doesNotContain("\\u0000").doesNotContain("\u001b");
        for (JsonObject host : operator.get("api/scans/" + id + "/hosts").array().getValuesAs(JsonObject.class)) {
            if (!host.isNull("banner")) {
                assertThat(host.getString("banner").length()).isLessThanOrEqualTo(1_000);
            }
            for (JsonObject test : host.getJsonArray("tests").getValuesAs(JsonObject.class)) {
                assertThat(test.getString("transcript").length()).isLessThanOrEqualTo(16_000);
            }
        }
        assertThat(hosts.length()).isLessThan(400_000);
    }

    @Test
    void aForeignWebPageCannotActWithAnOperatorsLogin() throws Exception {
        lab = labDeliveringHere().host(SILENT_HOST, Personality.SILENT).start();
        ScanApi operator = operator();
        // The silent host keeps the scan running while the forged requests try to stop it.
        long id = operator.startScan("{\"targets\": \"" + SILENT_HOST + "\", \"ports\": \"2525\", \"options\": "
                + "{\"commandTimeoutMs\": 20000, \"hostBudgetMs\": 25000, \"confirmationWindowMs\": 0}}");
        awaitStatus(operator, id, "PROBING");
        String stop = "api/scans/" + id + "/stop";
        String scope = operator.get("api/scope").json().getString("networks");
        int scans = operator.get("api/scans").array().size();
        String foreign = "https://attacker.invalid";

        List<ScanApi.Reply> forged = List.of(
                operator.send("POST", stop, Map.of("Content-Type", "application/x-www-form-urlencoded"), ""),
                operator.send("POST", stop, Map.of("Content-Type", "text/plain"), "{}"),
                operator.send("POST", stop, Map.of(), null),
                operator.send("POST", stop, Map.of("Content-Type", "application/json", "Origin", foreign), "{}"),
                operator.send("POST", stop, Map.of(CrossSiteRequestGuard.HEADER, "1", "Origin", "null"), null),
                operator.send("POST", "api/scans", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        "targets=" + SILENT_HOST),
                operator.send("POST", "api/scans", Map.of("Content-Type", "application/json", "Origin", foreign),
                        "{\"targets\": \"" + SILENT_HOST + "\"}"),
                operator.send("PUT", "api/scope", Map.of("Content-Type", "application/json", "Origin", foreign),
                        "{\"networks\": \"0.0.0.0/0\"}"),
                operator.send("PUT", "api/scope", Map.of("Content-Type", "text/plain"), "{\"networks\": \"::/0\"}"));
        for (ScanApi.Reply reply : forged) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.json().getString("error")).isEqualTo("cross-site-request");
            assertThat(reply.json().getString("message")).endsWith("nothing was changed");
        }
        assertThat(forged.get(3).json().getString("message")).contains(foreign, operator.origin());

        assertThat(operator.scan(id).getString("status")).as("the forged stops stopped nothing").isEqualTo("PROBING");
        assertThat(operator.get("api/scans").array()).hasSize(scans);
        assertThat(operator.get("api/scope").json().getString("networks")).isEqualTo(scope);
        assertThat(operator.get("api/audit?limit=50").array().getValuesAs(JsonObject.class)).as("audit trail")
                .noneMatch(e -> e.getString("action").equals("SCAN_STOPPED")
                        && e.getJsonNumber("scanId").longValue() == id);

        ScanApi.Reply ownPage = operator.send("POST", stop,
                Map.of(CrossSiteRequestGuard.HEADER, "1", "Origin", operator.origin()), null);
        assertThat(ownPage.status()).as(ownPage.body()).isEqualTo(200);
        assertThat(operator.awaitEnd(id, Duration.ofMinutes(1), false).getString("status")).isEqualTo("STOPPED");
    }

    /** The batch status of the job execution once it has ended. */
    private String awaitJobEnd(long execution) throws Exception {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").add("deployment", "smtprc.war").add("subsystem", "batch-jberet")
                .add("job", "relay-scan").add("execution", Long.toString(execution));
        read.get("name").set("batch-status");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            ModelNode result = management.getControllerClient().execute(read);
            String status = result.get("result").asString();
            if (!Set.of("STARTING", "STARTED", "STOPPING").contains(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job execution " + execution + " did not end");
    }

    private static JsonObject awaitStatus(ScanApi api, long id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            JsonObject scan = api.scan(id);
            if (scan.getString("status").equals(status)) {
                return scan;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("scan " + id + " never became " + status + ": " + api.scan(id));
    }
}
