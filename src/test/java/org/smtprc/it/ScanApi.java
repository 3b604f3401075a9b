package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

/** A small client of SmtpRC's REST API, for the system tests, the demo and the benchmark. */
public final class ScanApi {

    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "STOPPED", "FAILED", "ABANDONED");

    private final URI base;
    private final TestUsers.User user;
    private final HttpClient http;

    /**
     * @param base the application's root, e.g. http://127.0.0.1:8080/smtprc/
     * @param user who to log in as (HTTP Basic), or null for an anonymous client
     */
    public ScanApi(URI base, TestUsers.User user) {
        this(base, user, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Over HTTPS, trusting the certificates {@code tls} trusts. */
    public ScanApi(URI base, TestUsers.User user, SSLContext tls) {
        this(base, user, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build());
    }

    private ScanApi(URI base, TestUsers.User user, HttpClient http) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.user = user;
        this.http = http;
    }

    /** The same server, as another user (null: anonymous). */
    public ScanApi as(TestUsers.User other) {
        return new ScanApi(base, other, http);
    }

    public record Reply(int status, String body) {
        public JsonObject json() {
            return (JsonObject) parse(body);
        }

        public JsonArray array() {
            return (JsonArray) parse(body);
        }
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** Any request, with exactly the headers given (a browser's or a forger's), and the body if not null. */
    public Reply send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Where the API is, as a browser names it in an Origin header: scheme://host:port. */
    public String origin() {
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** Starts a scan and returns its id; fails loudly with the server's message when refused. */
    public long startScan(String requestJson) {
        Reply reply = post("api/scans", requestJson);
        if (reply.status() != 201) {
            throw new IllegalStateException("scan refused (" + reply.status() + "): " + reply.body());
        }
        return reply.json().getJsonNumber("id").longValue();
    }

    public JsonObject scan(long id) {
        Reply reply = get("api/scans/" + id);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET scan " + id + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** Polls until the scan reaches a final state; prints progress when asked. */
    public JsonObject awaitEnd(long id, Duration limit, boolean printProgress) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        String lastLine = "";
        while (Instant.now().isBefore(deadline)) {
            JsonObject scan = scan(id);
            String status = scan.getString("status");
            if (printProgress) {
                JsonObject progress = scan.getJsonObject("progress");
                String line = String.format("scan %d: %s, %d of %d endpoints (%.1f%%)", id, status,
                        progress.getJsonNumber("done").longValue(), progress.getJsonNumber("total").longValue(),
                        progress.getJsonNumber("percent").doubleValue());
                if (!line.equals(lastLine)) {
                    System.out.println(line);
                    lastLine = line;
                }
            }
            if (FINAL_STATES.contains(status)) {
                return scan;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("scan " + id + " did not end within " + limit + ": " + scan(id));
    }

    /** Waits until the scan has committed its first chunk (so that a stop lands part-way). */
    public void awaitFirstChunk(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (scan(id).getJsonObject("progress").getJsonNumber("done").longValue() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("scan " + id + " committed nothing: " + scan(id));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits for a restarted scan to complete: right after a restart it may still show the stop for a moment, so only
     * COMPLETED or FAILED end the wait. Adds every status seen to {@code seen}.
     */
    public JsonObject awaitCompleted(long id, Set<String> seen) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonObject scan = scan(id);
            String status = scan.getString("status");
            seen.add(status);
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return scan;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("restarted scan " + id + " did not complete: " + scan(id));
    }

    /** The scan a job execution runs (one started from WildFly's CLI creates its scan in its first step). */
    public long scanOfExecution(long execution) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            var scan = get("api/scans?limit=20").array().getValuesAs(JsonObject.class).stream()
                    .filter(s -> !s.isNull("executionId") && s.getJsonNumber("executionId").longValue() == execution)
                    .findFirst();
            if (scan.isPresent()) {
                return scan.get().getJsonNumber("id").longValue();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job execution " + execution + " created no scan");
    }

    private Reply send(HttpRequest.Builder request) {
        if (user != null) {
            String credentials = user.name() + ":" + user.password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach SmtpRC at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }
}
