package org.smtprc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus scrape on the management interface (/metrics, WildFly's Micrometer subsystem) after a real lab
 * scan: the verdict counters went up by the scan's counts, the proofs by the tests the API shows confirmed, the
 * mail received by what was proven or quarantined; the gauges are there and back at rest once the scan is over.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final Set<String> RELAYS = Set.of("ACCEPTS_RELAY", "CONFIRMED_RELAY", "ANONYMOUS_RELAY");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private Lab lab;
    private ScanApi api;

    @BeforeEach
    void startLab() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                .host("127.0.78.1", Personality.OPEN_RELAY)
                .host("127.0.78.2", Personality.CLOSED)
                .host("127.0.78.3", Personality.NOT_SMTP)
                .host("127.0.78.5", Personality.OPEN_RELAY_ANONYMOUS)
                .start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void theScrapeCountsWhatTheScanFound() throws Exception {
        Map<String, Double> before = scrape();
        for (String gauge : List.of("smtprc_scans_running", "smtprc_probes_in_flight", "smtprc_inbound_queue_depth",
                "smtprc_receiver_connections", "smtprc_receiver_connections_refused_total",
                "smtprc_inbound_mail_dead_lettered_total")) {
            assertThat(before).as("the scrape has %s", gauge).containsKey(gauge);
        }

        long id = api.startScan("""
                {"targets": "127.0.78.0/29", "ports": "2525", "profile": "full",
                 "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 1500, "hostBudgetMs": 30000,
                             "confirmationWindowMs": 8000, "recordUnresponsive": true, "partitions": 2}}""");
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(3), false);
        assertThat(scan.getString("status")).isEqualTo("COMPLETED");
        JsonObject counts = scan.getJsonObject("counts");
        assertThat(counts.getInt("CONFIRMED_RELAY") + counts.getInt("ANONYMOUS_RELAY")).isEqualTo(2);

        long confirmedTests = confirmedTests(id);
        assertThat(confirmedTests).isGreaterThanOrEqualTo(2);
        Map<String, Double> after = await("the proofs counted").atMost(Duration.ofSeconds(60))
                .until(this::scrape, now -> delta(before, now, "smtprc_relays_proven_total") == confirmedTests);

        long relays = 0;
        long probed = 0;
        for (String verdict : counts.keySet()) {
            long count = counts.getJsonNumber(verdict).longValue();
            if (RELAYS.contains(verdict)) {
                relays += count;
            } else {
                assertThat(delta(before, after, probed(verdict))).as(verdict).isEqualTo(count);
            }
        }
        // A probe writes "accepts relay"; the proof that comes back later makes it confirmed or anonymous.
        assertThat(delta(before, after, probed("ACCEPTS_RELAY"))).isEqualTo(relays);
        for (String name : after.keySet()) {
            if (name.startsWith("smtprc_endpoints_probed_total{")) {
                probed += delta(before, after, name);
            }
        }
        assertThat(probed).isEqualTo(8).isEqualTo(scan.getJsonObject("progress").getJsonNumber("total").longValue());

        long received = delta(before, after, "smtprc_inbound_mail_received_total");
        long quarantined = delta(before, after, "smtprc_inbound_mail_quarantined_total");
        assertThat(received).isPositive().isEqualTo(confirmedTests + quarantined);
        long judged = delta(before, after, "smtprc_inbound_ledger_mails_total");
        long transactions = delta(before, after, "smtprc_inbound_ledger_transactions_total");
        assertThat(judged).as("every received mail went through the ledger's shared transactions").isEqualTo(received);
        assertThat(transactions).isPositive().isLessThanOrEqualTo(judged);

        assertThat(after.get("smtprc_scans_running")).isZero();
        assertThat(after.get("smtprc_probes_in_flight")).isZero();
        assertThat(after.get("smtprc_inbound_queue_depth")).isZero();
        assertThat(delta(before, after, "smtprc_inbound_mail_dead_lettered_total")).isZero();
    }

    private static String probed(String verdict) {
        return "smtprc_endpoints_probed_total{verdict=\"" + verdict + "\"}";
    }

    private long confirmedTests(long id) {
        long confirmed = 0;
        for (JsonObject host : api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class)) {
            confirmed += host.getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.get("confirmedAt") != null && t.get("confirmedAt") != JsonValue.NULL).count();
        }
        return confirmed;
    }

    private static long delta(Map<String, Double> before, Map<String, Double> after, String name) {
        assertThat(after).as("the scrape has %s", name).containsKey(name);
        return Math.round(after.get(name) - before.getOrDefault(name, 0.0));
    }

    /**
     * The Prometheus text of /metrics, SmtpRC's samples only: each sample's name with its labels, except labels the
     * server adds of its own, to its value.
     */
    private Map<String, Double> scrape() throws IOException, InterruptedException {
        URI uri = URI.create("http://" + management.getMgmtAddress() + ":" + management.getMgmtPort() + "/metrics");
        String text;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
            text = response.body();
        }
        // SmtpRC's part of the scrape, in the test's output: what a failed assertion was looking at.
        System.out.println("GET /metrics (smtprc_*):\n" + text.lines().filter(l -> l.startsWith("smtprc_"))
                .collect(java.util.stream.Collectors.joining("\n")));
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("smtprc_")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(PrometheusLine.key(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /** A sample's name and the labels that tell SmtpRC's samples apart (verdict), in a fixed form. */
    private static final class PrometheusLine {
        static String key(String nameAndLabels) {
            int brace = nameAndLabels.indexOf('{');
            if (brace < 0) {
                return nameAndLabels;
            }
            String name = nameAndLabels.substring(0, brace);
            String labels = nameAndLabels.substring(brace + 1, nameAndLabels.lastIndexOf('}'));
            for (String label : labels.split(",")) {
                if (label.startsWith("verdict=")) {
                    return name + "{" + label + "}";
                }
            }
            return name;
        }
    }
}
