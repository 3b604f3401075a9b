package org.smtprc.api;

import org.junit.jupiter.api.Test;
import org.smtprc.scan.Scan;
import org.smtprc.scan.Scans;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanViewTest {

    @Test
    void linksCarryTheBaseTheRequestCameInOnWithItsContextRoot() throws Exception {
        ScanView view = ScanView.of(scan(7), new Scans.Progress(0, 0, 0), Map.of(),
                URI.create("https://scanner.example.net:8443/smtprc/api/"));

        assertThat(view.links()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "self", "https://scanner.example.net:8443/smtprc/api/scans/7",
                "hosts", "https://scanner.example.net:8443/smtprc/api/scans/7/hosts",
                "report", "https://scanner.example.net:8443/smtprc/api/scans/7/report",
                "csv", "https://scanner.example.net:8443/smtprc/api/scans/7/report.csv"));
    }

    @Test
    void aBaseWithoutItsClosingSlashKeepsItsLastSegment() throws Exception {
        ScanView view = ScanView.of(scan(12), new Scans.Progress(0, 0, 0), Map.of(),
                URI.create("http://127.0.0.1:8080/smtprc/api"));

        assertThat(view.links().get("self")).isEqualTo("http://127.0.0.1:8080/smtprc/api/scans/12");
    }

    private static Scan scan(long id) throws ReflectiveOperationException {
        Scan scan = new Scan("192.0.2.0/30", "", "25", "quick", 4, 4, null, Instant.EPOCH);
        var field = Scan.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(scan, id);
        return scan;
    }
}
