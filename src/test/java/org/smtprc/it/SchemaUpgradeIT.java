package org.smtprc.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade from the release before migrations: a database as that release left it (made by really running it:
 * scans with their hosts and tests, quarantined mail, audit entries, JBeret's tables, and the {@code
 * installation_key} table that releases before the credential store had left behind), then this build deployed on
 * it. Flyway baselines it at V1 and applies the rest; every old scan stays readable through the API, the counts
 * stay the same, and the history is there. On H2, and on PostgreSQL in the {@code postgresql} execution (its own
 * database {@code smtprc_upgrade}, made by postgres.sh).
 */
class SchemaUpgradeIT {

    /** Beside the Arquillian server's ports (offset by -Dsmtprc.it.port-offset), so both can run at once. */
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 80;
    private static final int RECEIVER_PORT = Integer.getInteger("smtprc.it.receiver-port", 10125) + 80;
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/smtprc_upgrade";
    private static final List<String> COUNTED = List.of("scan", "host_result", "scan_block", "quarantined_mail",
            "audit_entry");

    private final boolean postgresql = System.getProperty("smtprc.it.db-url") != null;
    private final Path baseDir = Path.of("target/schema-upgrade", postgresql ? "postgresql" : "h2");
    private WildFlyProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDatabaseOfTheReleaseBeforeMigrationsIsUpgradedAndEveryOldScanStaysReadable() throws Exception {
        WildFlyProcess.deleteTree(baseDir);
        Map<String, Long> before;
        Map<Long, String> statuses;
        Map<Long, Long> hostsPerScan;
        try (Connection db = connect()) {
            load(db, Path.of("src/test/resources/upgrade", postgresql ? "postgresql.sql" : "h2.sql"));
            before = counts(db);
            statuses = column(db, "select id, status from scan");
            hostsPerScan = longs(db, "select scan_id, count(*) from host_result group by scan_id");
            assertThat(tables(db)).contains("installation_key").doesNotContain("flyway_schema_history");
        }
        assertThat(before.get("scan")).isPositive();
        assertThat(before.get("host_result")).isPositive();
        assertThat(before.get("quarantined_mail")).isPositive();
        assertThat(before.get("audit_entry")).isPositive();

        server = start();
        ScanApi api = new ScanApi(server.baseUri(), TestUsers.OPERATOR);
        assertThat(api.get("api/scans?limit=1000").array()).hasSize(statuses.size());
        for (Map.Entry<Long, String> old : statuses.entrySet()) {
            long id = old.getKey();
            JsonObject scan = api.scan(id);
            assertThat(scan.getString("status")).as("scan %d", id).isEqualTo(old.getValue());
            assertThat(api.get("api/scans/" + id + "/hosts?limit=1000").array()).as("hosts of scan %d", id)
                    .hasSize(hostsPerScan.getOrDefault(id, 0L).intValue());
            if (old.getValue().equals("COMPLETED")) {
                ScanApi.Reply report = api.get("api/scans/" + id + "/report");
                assertThat(report.status()).as("report of scan %d", id).isEqualTo(200);
                ScanApi.Reply csv = api.get("api/scans/" + id + "/report.csv");
                assertThat(csv.status()).isEqualTo(200);
                assertThat(csv.body().lines().count()).as("csv of scan %d", id).isGreaterThan(1);
            }
        }
        assertThat(api.get("api/quarantine?limit=1000").array()).hasSize(before.get("quarantined_mail").intValue());
        // The audit trail reads back at least the old entries (this deployment may add its own).
        assertThat(api.get("api/audit?limit=1000").array().size()).isGreaterThanOrEqualTo(
                before.get("audit_entry").intValue());
        server.close();
        server = null;

        try (Connection db = connect()) {
            Map<String, Long> after = counts(db);
            assertThat(after.get("scan")).isEqualTo(before.get("scan"));
            assertThat(after.get("host_result")).isEqualTo(before.get("host_result"));
            assertThat(after.get("scan_block")).isEqualTo(before.get("scan_block"));
            assertThat(after.get("quarantined_mail")).isEqualTo(before.get("quarantined_mail"));
            assertThat(after.get("audit_entry")).isGreaterThanOrEqualTo(before.get("audit_entry"));
            Map<String, String> history = column(db, "select \"version\", \"type\" from \"flyway_schema_history\""
                    + " where \"success\" order by \"installed_rank\"").entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(String.valueOf(e.getKey()), e.getValue()), Map::putAll);
            assertThat(history).containsEntry("1", "BASELINE").containsEntry("2", "SQL");
            assertThat(tables(db)).doesNotContain("installation_key");
        }
    }

    private WildFlyProcess start() throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("smtprc.receiver.port", Integer.toString(RECEIVER_PORT),
                "smtprc.helo-name", "scanner.smtprc.test"));
        if (postgresql) {
            properties.put("smtprc.db.url", PG_URL);
        }
        return new WildFlyProcess(WildFlyProcess.defaultHome(), baseDir, PORT_OFFSET, properties)
                .start(WildFlyProcess.defaultWar(), Duration.ofMinutes(3));
    }

    /** The database the server will open: H2's file under this server's data directory, or its own PG database. */
    private Connection connect() throws Exception {
        if (postgresql) {
            return DriverManager.getConnection(PG_URL, "smtprc", "smtprc");
        }
        Path file = baseDir.resolve("data/smtprc/smtprc").toAbsolutePath();
        Files.createDirectories(file.getParent());
        return DriverManager.getConnection("jdbc:h2:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "sa");
    }

    private void load(Connection db, Path script) throws Exception {
        try (Statement statement = db.createStatement()) {
            if (postgresql) {
                statement.execute("drop schema public cascade");
                statement.execute("create schema public");
                statement.execute(Files.readString(script));
            } else {
                statement.execute("runscript from '" + script.toAbsolutePath() + "'");
            }
        }
    }

    private static Map<String, Long> counts(Connection db) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        for (String table : COUNTED) {
            counts.put(table, longs(db, "select 0, count(*) from " + table).get(0L));
        }
        return counts;
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, db.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static Map<Long, String> column(Connection db, String query) throws SQLException {
        return pairs(db, query, rs -> rs.getString(2));
    }

    private static Map<Long, Long> longs(Connection db, String query) throws SQLException {
        return pairs(db, query, rs -> rs.getLong(2));
    }

    private interface Value<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The first column (a number) of each row, mapped to a value read from the row, in the query's order. */
    private static <T> Map<Long, T> pairs(Connection db, String query, Value<T> value) throws SQLException {
        Map<Long, T> values = new LinkedHashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.put(rs.getLong(1), value.read(rs));
            }
        }
        return values;
    }
}
