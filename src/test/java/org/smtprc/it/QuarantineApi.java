package org.smtprc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The quarantine as a test sees it through the API: mail found by a marker in its headers (e.g. its Subject). */
final class QuarantineApi {

    private static final int PAGE = 1_000;

    private QuarantineApi() {
    }

    static List<JsonObject> withMarker(ScanApi api, String marker) {
        return api.get("api/quarantine?limit=" + PAGE).array().getValuesAs(JsonObject.class).stream()
                .filter(q -> q.get("headers") instanceof JsonString headers && headers.getString().contains(marker))
                .toList();
    }

    /** The quarantined mail with this marker, once it is there. */
    static JsonObject await(ScanApi api, String marker, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            List<JsonObject> found = withMarker(api, marker);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no quarantined mail with " + marker + " after " + patience.toSeconds() + " s: it"
                + " may have ended in the dead-letter queue (GET /api/dead-letters)");
    }

    static JsonObject summary(ScanApi api) {
        return api.get("api/quarantine/summary").json();
    }
}
