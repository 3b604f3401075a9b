package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A client follows the links the API hands out, as they are, and finds what they name. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiLinksIT {

    private static final String LAB_HOST = "127.0.78.1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private Lab lab;

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyLinkOfAScanAndItsLocationAnswer200WithWhatTheyName() throws Exception {
        lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).host(LAB_HOST, Personality.CLOSED).start();
        HttpResponse<String> created = startScan("{\"targets\": \"" + LAB_HOST + "\", \"ports\": \""
                + SmtpRcDeployment.LAB_PORT + "\", \"options\": {\"confirmationWindowMs\": 0}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject answer = json(created.body());
        long id = answer.getJsonNumber("id").longValue();
        String self = base.toURI().resolve("api/scans/" + id).toString();
        assertThat(created.headers().firstValue("Location")).contains(self);

        ScanApi viewer = new ScanApi(base.toURI(), TestUsers.VIEWER);
        viewer.awaitEnd(id, Duration.ofMinutes(1), false);
        JsonObject listed = viewer.get("api/scans").array().getValuesAs(JsonObject.class).stream()
                .filter(scan -> scan.getJsonNumber("id").longValue() == id).findFirst().orElseThrow();

        Map<String, String> links = links(answer);
        assertThat(links).containsOnlyKeys("self", "hosts", "report", "csv").containsEntry("self", self);
        assertThat(links(viewer.scan(id))).isEqualTo(links);
        assertThat(links(listed)).isEqualTo(links);

        ScanApi.Reply scan = follow(viewer, links.get("self"));
        assertThat(scan.json().getJsonNumber("id").longValue()).isEqualTo(id);
        ScanApi.Reply hosts = follow(viewer, links.get("hosts"));
        assertThat(hosts.array().getValuesAs(JsonObject.class))
                .singleElement().satisfies(host -> assertThat(host.getString("address")).isEqualTo(LAB_HOST));
        assertThat(follow(viewer, links.get("report")).body()).contains("<html", LAB_HOST);
        assertThat(follow(viewer, links.get("csv")).body()).contains(LAB_HOST);
        assertThat(follow(viewer, created.headers().firstValue("Location").orElseThrow()).json()
                .getJsonNumber("id").longValue()).isEqualTo(id);
    }

    /** A link is absolute, on this server, under the application's context root, and answers 200. */
    private ScanApi.Reply follow(ScanApi client, String link) throws Exception {
        assertThat(link).startsWith(base.toURI().resolve("api/").toString());
        ScanApi.Reply reply = client.get(link);
        assertThat(reply.status()).as("GET %s: %s", link, reply.body()).isEqualTo(200);
        return reply;
    }

    private static Map<String, String> links(JsonObject scan) {
        Map<String, String> links = new LinkedHashMap<>();
        scan.getJsonObject("links").forEach((name, value) -> links.put(name, ((JsonString) value).getString()));
        return links;
    }

    /** The start request sent by hand: the Location header is part of what is checked. */
    private HttpResponse<String> startScan(String json) throws Exception {
        String credentials = TestUsers.OPERATOR.name() + ":" + TestUsers.OPERATOR.password();
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("api/scans"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
