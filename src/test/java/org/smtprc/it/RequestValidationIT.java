package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The input validation table: every bad request body or parameter gets a 4xx with a message a person
 * can act on, naming the request's field at fault when there is one, and creates nothing (no scan, no audit entry);
 * request sizes are bounded by the HTTP listener.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestValidationIT {

    private static final String SCOPE = "{\"networks\": \"127.0.0.0/8, ::1\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    /** A bad request, and the request's field its error names ({@code field}), or null when it names none. */
    private record Row(String what, String method, String path, String body, String field) {
        static Row scan(String what, String body, String field) {
            return new Row(what, "POST", "api/scans", body, field);
        }
    }

    @Test
    void badRequestsAreRefusedWithAMessageAndCreateNothing() throws Exception {
        ScanApi operator = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        List<Row> table = List.of(
                Row.scan("malformed JSON", "{\"targets\": ", null),
                Row.scan("no targets", "{\"ports\": \"25\"}", "targets"),
                Row.scan("empty targets", "{\"targets\": \"\", \"ports\": \"25\"}", "targets"),
                Row.scan("a target that is no address", "{\"targets\": \"127.0.0.300\", \"ports\": \"25\"}",
                        "targets"),
                Row.scan("a reversed range", "{\"targets\": \"127.0.0.9-127.0.0.1\", \"ports\": \"25\"}", "targets"),
                Row.scan("an exclusion that is no address",
                        "{\"targets\": \"127.0.0.1\", \"exclude\": \"127.0.0.300\", \"ports\": \"25\"}", "exclude"),
                Row.scan("exclusions that remove every target",
                        "{\"targets\": \"127.0.0.1\", \"exclude\": \"127.0.0.0/8\", \"ports\": \"25\"}", "exclude"),
                Row.scan("port 0", "{\"targets\": \"127.0.0.1\", \"ports\": \"0\"}", "ports"),
                Row.scan("port 65536", "{\"targets\": \"127.0.0.1\", \"ports\": \"65536\"}", "ports"),
                Row.scan("a port that is no number", "{\"targets\": \"127.0.0.1\", \"ports\": \"smtp\"}", "ports"),
                Row.scan("an unknown profile", "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"nope\"}",
                        "profile"),
                Row.scan("a profile name climbing out of its folder",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"../../configuration/standalone-full\"}",
                        "profile"),
                Row.scan("an absolute profile path",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"/etc/passwd\"}", "profile"),
                Row.scan("a negative timeout",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"options\": {\"connectTimeoutMs\": -1}}",
                        "options.connectTimeoutMs"),
                Row.scan("an absurd timeout",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"options\": {\"commandTimeoutMs\": 999999999999}}",
                        "options.commandTimeoutMs"),
                Row.scan("an EHLO name that is no host name",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"options\": {\"heloName\": \"scan ner\"}}",
                        "options.heloName"),
                Row.scan("an EHLO name that smuggles a command",
                        "{\"targets\": \"127.0.0.1\", \"options\": {\"heloName\": \"x\\r\\nRCPT TO:<a@b>\"}}",
                        "options.heloName"),
                Row.scan("targets outside the authorised networks", "{\"targets\": \"192.0.2.1\", \"ports\": \"25\"}",
                        "targets"),
                new Row("a page limit of 0", "GET", "api/scans/1/hosts?limit=0", null, null),
                new Row("a negative offset", "GET", "api/scans/1/hosts?offset=-1", null, null),
                new Row("an unknown verdict filter", "GET", "api/scans/1/hosts?verdict=%3Cscript%3E", null, null),
                new Row("an unknown sort", "GET", "api/scans/1/hosts?sort=%3Cscript%3E", null, null),
                new Row("a scope that is no network", "PUT", "api/scope", "{\"networks\": \"everything\"}", null),
                new Row("an empty scope", "PUT", "api/scope", "{\"networks\": \"\"}", null));

        long newestScan = newestId(operator, "api/scans?limit=1");
        long newestAudit = newestId(operator, "api/audit?limit=1");

        // Over-size bodies are refused before anyone reads them: not even a refusal is on record.
        ScanApi.Reply tooLarge = operator.post("api/scans", scanRequestOfSize(100_000));
        assertThat(tooLarge.status()).as("a 100 KB body: %s", tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("64 KiB");
        assertThat(megabyteRefused()).as("status for a 1 MB body (0: closed without one)").satisfiesAnyOf(
                status -> assertThat(status).isBetween(400, 499), status -> assertThat(status).isZero());
        assertThat(newestId(operator, "api/scans?limit=1")).as("newest scan after over-size bodies").isEqualTo(newestScan);
        assertThat(newestId(operator, "api/audit?limit=1")).as("newest audit entry after over-size bodies")
                .isEqualTo(newestAudit);
        String scopeBefore = operator.get("api/scope").json().getString("networks");
        assertSoftly(soft -> {
            for (Row row : table) {
                ScanApi.Reply reply = switch (row.method()) {
                    case "POST" -> operator.post(row.path(), row.body());
                    case "PUT" -> operator.put(row.path(), row.body());
                    default -> operator.get(row.path());
                };
                soft.assertThat(reply.status()).as("%s: %s", row.what(), reply.body()).isBetween(400, 499);
                soft.assertThat(reply.body()).as("%s", row.what()).contains("\"message\"");
                if (reply.status() < 500 && reply.body().startsWith("{")) {
                    JsonObject error = reply.json();
                    soft.assertThat(error.containsKey("field") ? error.getString("field") : null)
                            .as("the field of %s: %s", row.what(), reply.body()).isEqualTo(row.field());
                }
            }
        });

        assertThat(newestId(operator, "api/scans?limit=1")).as("newest scan").isEqualTo(newestScan);
        // A refused start is on record as such (who tried what); nothing started and the scope did not change.
        List<JsonObject> recorded = operator.get("api/audit?limit=100").array().getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getJsonNumber("id").longValue() > newestAudit).toList();
        assertThat(recorded).extracting(entry -> entry.getString("action")).as("audit entries: %s", recorded)
                .containsOnly("SCAN_REFUSED");
        String scopeAfter = operator.get("api/scope").json().getString("networks");
        if (!scopeAfter.equals(scopeBefore)) {
            operator.put("api/scope", SCOPE);
        }
        assertThat(scopeAfter).as("the authorised networks").isEqualTo(scopeBefore);
    }

    /**
     * One rule decides what may stand in EHLO: what the API takes, the scan can use. An address literal is such a
     * name; the scan runs to its end (its first probe builds the settings that check the name again).
     */
    @Test
    void anEhloNameTheApiTakesIsOneTheScanCanUse() throws Exception {
        ScanApi operator = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        long id = operator.startScan("""
                {"targets": "127.0.0.1", "ports": "1", "options": {"heloName": "[127.0.0.1]",
                 "connectTimeoutMs": 1000, "confirmationWindowMs": 1000}}""");

        JsonObject scan = operator.awaitEnd(id, Duration.ofMinutes(1), false);

        assertThat(scan.getString("status")).as("scan %s", scan).isEqualTo("COMPLETED");
    }

    /** A scan request for many copies of one address: valid JSON of about the given size. */
    private static String scanRequestOfSize(int bytes) {
        return "{\"targets\": \"127.0.0.1" + ", 127.0.0.1".repeat(bytes / 11) + "\", \"ports\": \"25\"}";
    }

    /**
     * A 1 MB body is over the HTTP listener's own bound: it answers before the application sees the request
     * and closes the connection (over HTTP/2 it resets the stream, which leaves no status to check). Under load
     * the close can come before the answer is read: 0 then stands for "refused without a status".
     */
    private int megabyteRefused() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String login = TestUsers.OPERATOR.name() + ":" + TestUsers.OPERATOR.password();
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("api/scans"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(scanRequestOfSize(1_000_000))).build();
        try {
            return http11.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closedWithoutAnswer) {
            return 0;
        }
    }

    /** The id of the newest scan or audit entry (both lists are newest first), 0 when there is none. */
    private static long newestId(ScanApi api, String path) {
        List<JsonObject> newest = api.get(path).array().getValuesAs(JsonObject.class);
        return newest.isEmpty() ? 0 : newest.getFirst().getJsonNumber("id").longValue();
    }
}
