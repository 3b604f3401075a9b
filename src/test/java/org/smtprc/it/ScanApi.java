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
