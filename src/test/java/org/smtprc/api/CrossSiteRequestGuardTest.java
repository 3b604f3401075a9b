package org.smtprc.api;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtprc.api.CrossSiteRequestGuard.refusal;
import static org.smtprc.api.CrossSiteRequestGuard.sameOrigin;

class CrossSiteRequestGuardTest {

    private static final URI TARGET = URI.create("http://127.0.0.1:8080/smtprc/api/scans/7/stop");
    private static final URI TLS_TARGET = URI.create("https://scanner.example.net/smtprc/api/scope");

    @Test
    void readingNeedsNothing() {
        for (String method : new String[]{"GET", "HEAD", "OPTIONS", "get"}) {
            assertThat(refusal(method, "text/plain", false, "https://attacker.invalid", TARGET)).as(method).isEmpty();
        }
    }

    @Test
    void whatABrowserSendsWithoutAskingIsRefused() {
        for (String simpleType : new String[]{"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain;charset=UTF-8"}) {
            assertThat(refusal("POST", simpleType, false, null, TARGET)).as(simpleType).get().asString()
                    .contains("is not taken", "application/json");
            assertThat(refusal("POST", simpleType, true, null, TARGET)).as("%s with the header", simpleType)
                    .isPresent();
        }
        assertThat(refusal("POST", null, false, null, TARGET)).get().asString()
                .contains(CrossSiteRequestGuard.HEADER);
        assertThat(refusal("DELETE", "", false, null, TARGET)).isPresent();
        assertThat(refusal("PATCH", null, false, null, TARGET)).isPresent();
    }

    @Test
    void jsonOrTheHeaderPasses() {
        assertThat(refusal("POST", "application/json", false, null, TARGET)).isEmpty();
        assertThat(refusal("PUT", "Application/JSON; charset=utf-8", false, null, TARGET)).isEmpty();
        assertThat(refusal("POST", "application/merge-patch+json", false, null, TARGET)).isEmpty();
        assertThat(refusal("POST", null, true, null, TARGET)).isEmpty();
        assertThat(refusal("POST", "application/jsonp", false, null, TARGET)).isPresent();
    }

    @Test
    void aCsvFilePassesAsJsonDoesButNotFromAnotherSite() {
        assertThat(refusal("PUT", "text/csv", false, null, TARGET)).isEmpty();
        assertThat(refusal("PUT", "Text/CSV; charset=utf-8", false, null, TARGET)).isEmpty();
        assertThat(refusal("PUT", "text/csvx", false, null, TARGET)).isPresent();
        assertThat(refusal("PUT", "text/csv", false, "https://attacker.invalid", TARGET)).isPresent();
    }

    @Test
    void anotherOriginIsRefusedEvenWithJson() {
        assertThat(refusal("POST", "application/json", true, "https://attacker.invalid", TARGET)).get().asString()
                .contains("\"https://attacker.invalid\"", "http://127.0.0.1:8080");
        assertThat(refusal("PUT", "application/json", false, "null", TARGET)).isPresent();
        assertThat(refusal("POST", "application/json", false, "http://127.0.0.1:8080", TARGET)).isEmpty();
    }

    @Test
    void theOriginIsSchemeHostAndPort() {
        assertThat(sameOrigin("http://127.0.0.1:8080", TARGET)).isTrue();
        assertThat(sameOrigin("HTTP://127.0.0.1:8080", TARGET)).isTrue();
        assertThat(sameOrigin("https://127.0.0.1:8080", TARGET)).as("scheme").isFalse();
        assertThat(sameOrigin("http://127.0.0.1:8081", TARGET)).as("port").isFalse();
        assertThat(sameOrigin("http://127.0.0.2:8080", TARGET)).as("host").isFalse();
        assertThat(sameOrigin("http://127.0.0.1", TARGET)).as("port 80 by default").isFalse();
        assertThat(sameOrigin("https://scanner.example.net", TLS_TARGET)).isTrue();
        assertThat(sameOrigin("https://scanner.example.net:443", TLS_TARGET)).isTrue();
        assertThat(sameOrigin("https://scanner.example.net.attacker.invalid", TLS_TARGET)).isFalse();
        assertThat(sameOrigin("null", TARGET)).isFalse();
        assertThat(sameOrigin("http://[::1]:8080", URI.create("http://[::1]:8080/smtprc/api/scope"))).isTrue();
        assertThat(sameOrigin("http://%zz", TARGET)).isFalse();
    }

    @Test
    void whatTheOriginHeaderSaysIsShownInert() {
        String reason = refusal("POST", "application/json", false, "https://a.invalid\r\n\u001b[2J" + "x".repeat(5_000),
                TARGET).orElseThrow();
        assertThat(reason).doesNotContain("\r", "\n", "\u001b").hasSizeLessThan(600);
    }
}
