package org.smtprc.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void readsTheApisAnswers() {
        Object value = Json.parse("""
                [{"id": 7, "status": "COMPLETED", "progress": {"done": 3, "total": 3, "percent": 100.0},
                  "counts": {"CONFIRMED_RELAY": 1}, "scheduleId": null, "tls": false,
                  "banner": "220 \\u001b[31m \\"quoted\\" \\\\ tab\\t"}]""");

        Map<String, Object> scan = Json.object(Json.array(value).getFirst());
        assertThat(Json.number(scan, "id")).isEqualTo(7);
        assertThat(Json.text(scan, "scheduleId")).isEmpty();
        assertThat(Json.text(Json.object(scan.get("progress")), "percent")).isEqualTo("100");
        assertThat(scan.get("tls")).isEqualTo(false);
        assertThat(Json.text(scan, "banner")).isEqualTo("220 \u001b[31m \"quoted\" \\ tab\t");
        assertThat(Verdicts.proven(Json.object(scan.get("counts")))).isEqualTo(1);
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void malformedAnswersAreRefused() {
        for (String bad : List.of("", "{", "[1,", "{\"a\" 1}", "\"open", "nul", "[1] x", "{\"a\":\"\\u12\"}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the server's answer is not valid JSON");
        }
    }

    @Test
    void quotesWhatItSends() {
        assertThat(Json.quote("192.0.2.1 \"x\\y\"\n")).isEqualTo("\"192.0.2.1 \\\"x\\\\y\\\"\\u000a\"");
        assertThat(Json.parse(Json.quote("a\"b\\c\u0001"))).isEqualTo("a\"b\\c\u0001");
    }
}
