package org.smtprc.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The SmtpRC REST API over {@code java.net.http}, with HTTP Basic login; every answer bounded in time and size. */
final class ApiClient {

    /** The largest JSON answer read (a page of hosts with their transcripts). */
    static final int MAX_ANSWER = 32 * 1024 * 1024;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration ANSWER = Duration.ofSeconds(120);

    private final Login login;
    private final HttpClient http;

    ApiClient(Login login) {
        this.login = login;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    }

    Object get(String path) {
        return json(request(path).GET());
    }

    /** A POST with a JSON body, or with none (stop, restart: the server's cross-site guard wants its header). */
    Object post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.header("X-SmtpRC-Request", "1").POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return json(request);
    }

    /** Copies an answer as it is (the HTML report) to {@code out}. */
    void download(String path, OutputStream out) {
        HttpResponse<InputStream> response = send(request(path).GET());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), new String(body.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8));
            }
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new ServerException("the answer from " + login.server() + " broke off: " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path) {
        String credentials = login.user() + ":" + login.password();
        return HttpRequest.newBuilder(login.server().resolve(path)).timeout(ANSWER)
                .header("Accept", "application/json, text/html")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private Object json(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = send(request);
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                throw new ServerException("the server's answer is larger than " + MAX_ANSWER + " bytes");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerException("the answer from " + login.server() + " broke off: " + e.getMessage());
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), body);
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ServerException(e.getMessage());
        }
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ServerException("cannot reach SmtpRC at " + login.server() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted");
        }
    }

    /** The API's own message for a refused request (4xx: bad input), or a server failure. */
    static RuntimeException failure(int status, String body) {
        String message = "";
        try {
            if (Json.parse(body) instanceof Map<?, ?> error) {
                message = Json.text(Json.object(error), "message");
            }
        } catch (IllegalArgumentException notJson) {
            // the status alone says it
        }
        String said = Terminal.cell(message.isEmpty() ? "HTTP " + status : message, 2000);
        return switch (status) {
            case 401 -> new ServerException("the server refused the login (401): check SMTPRC_USER and SMTPRC_PASSWORD");
            case 403, 404, 400, 409, 413 -> new RefusedException(status, said);
            default -> new ServerException("the server failed (" + status + "): " + said);
        };
    }

    /** The server refused the request as bad input: exit status 2. */
    static final class RefusedException extends RuntimeException {
        final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The server failed, could not be reached, or answered nonsense: exit status 3. */
    static final class ServerException extends RuntimeException {
        ServerException(String message) {
            super(message);
        }
    }
}
