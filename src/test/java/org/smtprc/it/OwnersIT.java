package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owners list through the API on the real server: a file of 10,000 networks replaces the list in one go; a file
 * with one bad record among them changes nothing and names the line; viewers read but cannot import; an absurdly
 * large file is refused before it is read.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OwnersIT {

    private static final int ROWS = 10_000;
    private static final Map<String, String> CSV = Map.of("Content-Type", "text/csv");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private ScanApi api;

    @BeforeEach
    void setUp() throws Exception {
        api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    @AfterEach
    void emptyTheList() {
        api.send("PUT", "api/owners", CSV, "network,owner,contact\n");
    }

    @Test
    void tenThousandNetworksImportAndABadRecordAmongThemChangesNothing() {
        String good = owners(ROWS, -1);
        long started = System.nanoTime();
        ScanApi.Reply imported = api.send("PUT", "api/owners", CSV, good);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("OwnersIT: %,d owner networks (%,d bytes) imported in %,d ms%n", ROWS, good.length(), millis);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().getInt("owners")).isEqualTo(ROWS);

        List<JsonObject> listed = api.get("api/owners").array().getValuesAs(JsonObject.class);
        assertThat(listed).hasSize(ROWS);
        assertThat(listed.getFirst().getString("network")).isEqualTo("2001:db8::/48");
        ScanApi.Reply csv = api.send("GET", "api/owners", Map.of("Accept", "text/csv"), null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines()).hasSize(ROWS + 1).first().isEqualTo("network,owner,contact,reference,held");
        assertThat(csv.body()).contains("2001:db8:1::/48,\"Customer 1, Inc.\",abuse@c1.smtprc.test,C-1,false");

        int badLine = 5_001;
        ScanApi.Reply refused = api.send("PUT", "api/owners", CSV, owners(ROWS, badLine - 2)
                .replace("abuse@c4999.smtprc.test", "abuse@c4999"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("message")).contains("line " + badLine, "abuse@c4999", "nothing was imported");
        assertThat(api.get("api/owners").array()).hasSize(ROWS);

        ScanApi.Reply twice = api.send("PUT", "api/owners", CSV, good + "2001:db8:7::/48,Again,abuse@again.smtprc.test,\n");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().getString("message")).contains("line " + (ROWS + 2), "already on line 9");
        assertThat(api.get("api/audit?limit=5").body()).contains("OWNERS_REPLACED", "OWNERS_IMPORT_REFUSED");
    }

    @Test
    void viewersReadButCannotImportOrHold() {
        assertThat(api.send("PUT", "api/owners", CSV, owners(3, -1)).status()).isEqualTo(200);
        ScanApi viewer = api.as(TestUsers.VIEWER);
        assertThat(viewer.get("api/owners").array()).hasSize(3);
        assertThat(viewer.send("PUT", "api/owners", CSV, owners(1, -1)).status()).isEqualTo(403);
        long id = viewer.get("api/owners").array().getJsonObject(0).getJsonNumber("id").longValue();
        assertThat(viewer.send("POST", "api/owners/" + id + "/hold", Map.of("X-SmtpRC-Request", "1"), null).status())
                .isEqualTo(403);
        assertThat(api.get("api/owners").array()).hasSize(3);
        assertThat(api.send("POST", "api/owners/999999999/hold", Map.of("X-SmtpRC-Request", "1"), null).status())
                .isEqualTo(404);
    }

    @Test
    void aFileOverTheLimitOrAFormIsRefusedUnread() {
        StringBuilder huge = new StringBuilder("network,owner,contact\n");
        while (huge.length() < 4 * 1024 * 1024 + 300 * 1024) {
            huge.append("2001:db8::/32,").append("x".repeat(100)).append(",abuse@x.smtprc.test\n");
        }
        ScanApi.Reply tooLarge = api.send("PUT", "api/owners", CSV, huge.toString());
        assertThat(tooLarge.status()).isEqualTo(413);
        ScanApi.Reply form = api.send("PUT", "api/owners", Map.of("Content-Type", "text/plain"), owners(1, -1));
        assertThat(form.status()).isEqualTo(403);
        assertThat(api.get("api/owners").array()).isEmpty();
    }

    /** {@code count} owner networks in 2001:db8::/32, one /48 each; record {@code quoted} (0-based) quoted. */
    private static String owners(int count, int quoted) {
        StringBuilder csv = new StringBuilder("network,owner,contact,reference\r\n");
        for (int i = 0; i < count; i++) {
            String name = i == quoted || i % 2 == 1 ? "\"Customer " + i + ", Inc.\"" : "Customer " + i;
            csv.append("2001:db8:").append(Integer.toHexString(i)).append("::/48,").append(name)
                    .append(",abuse@c").append(i).append(".smtprc.test,C-").append(i).append("\r\n");
        }
        return csv.toString();
    }
}
