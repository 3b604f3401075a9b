package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The input validation table: every bad request body or parameter gets a 4xx with a message a person
 * can act on, and creates nothing (no scan, no audit entry); request sizes are bounded by the HTTP listener.
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

    private record Row(String what, String method, String path, String body, int expected) {
        static Row scan(String what, String body) {
            return new Row(what, "POST", "api/scans", body, 0);
        }
    }

    @Test
    void badRequestsAreRefusedWithAMessageAndCreateNothing() throws Exception {
        ScanApi operator = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        String megabyte = "{\"targets\": \"127.0.0.1" + ", 127.0.0.1".repeat(100_000) + "\", \"ports\": \"25\"}";
        List<Row> table = List.of(
                new Row("a 1 MB body", "POST", "api/scans", megabyte, 413),
                Row.scan("malformed JSON", "{\"targets\": "),
                Row.scan("no targets", "{\"ports\": \"25\"}"),
                Row.scan("empty targets", "{\"targets\": \"\", \"ports\": \"25\"}"),
                Row.scan("a target that is no address", "{\"targets\": \"127.0.0.300\", \"ports\": \"25\"}"),
                Row.scan("a reversed range", "{\"targets\": \"127.0.0.9-127.0.0.1\", \"ports\": \"25\"}"),
                Row.scan("port 0", "{\"targets\": \"127.0.0.1\", \"ports\": \"0\"}"),
                Row.scan("port 65536", "{\"targets\": \"127.0.0.1\", \"ports\": \"65536\"}"),
                Row.scan("a port that is no number", "{\"targets\": \"127.0.0.1\", \"ports\": \"smtp\"}"),
                Row.scan("an unknown profile", "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"nope\"}"),
                Row.scan("a profile name climbing out of its folder",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"../../configuration/standalone-full\"}"),
                Row.scan("an absolute profile path",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"profile\": \"/etc/passwd\"}"),
                Row.scan("a negative timeout",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"options\": {\"connectTimeoutMs\": -1}}"),
                Row.scan("an absurd timeout",
                        "{\"targets\": \"127.0.0.1\", \"ports\": \"25\", \"options\": {\"commandTimeoutMs\": 999999999999}}"),
                Row.scan("targets outside the authorised networks", "{\"targets\": \"192.0.2.1\", \"ports\": \"25\"}"),
                new Row("a page limit of 0", "GET", "api/scans/1/hosts?limit=0", null, 0),
                new Row("a negative offset", "GET", "api/scans/1/hosts?offset=-1", null, 0),
                new Row("an unknown verdict filter", "GET", "api/scans/1/hosts?verdict=%3Cscript%3E", null, 0),
                new Row("a scope that is no network", "PUT", "api/scope", "{\"networks\": \"everything\"}", 0),
                new Row("an empty scope", "PUT", "api/scope", "{\"networks\": \"\"}", 0));

        int scansBefore = operator.get("api/scans?limit=1000").array().size();
        int auditBefore = operator.get("api/audit?limit=1000").array().size();
        String scopeBefore = operator.get("api/scope").json().getString("networks");
        try {
            assertSoftly(soft -> {
                for (Row row : table) {
                    ScanApi.Reply reply = switch (row.method()) {
                        case "POST" -> operator.post(row.path(), row.body());
                        case "PUT" -> operator.put(row.path(), row.body());
                        default -> operator.get(row.path());
                    };
                    if (row.expected() != 0) {
                        soft.assertThat(reply.status()).as("%s: %s", row.what(), reply.body()).isEqualTo(row.expected());
                    } else {
                        soft.assertThat(reply.status()).as("%s: %s", row.what(), reply.body()).isBetween(400, 499);
                    }
                    soft.assertThat(reply.body()).as("%s", row.what()).contains("\"message\"");
                    soft.assertThat(reply.body()).as("%s echoes no markup", row.what()).doesNotContain("<script>");
                }
            });
        } finally {
            operator.put("api/scope", SCOPE);
        }

        assertThat(operator.get("api/scans?limit=1000").array()).as("scans").hasSize(scansBefore);
        List<JsonObject> audit = operator.get("api/audit?limit=1000").array().getValuesAs(JsonObject.class);
        assertThat(audit).as("audit entries: %s", audit).hasSize(auditBefore);
        assertThat(operator.get("api/scope").json().getString("networks")).isEqualTo(scopeBefore);
    }
}
