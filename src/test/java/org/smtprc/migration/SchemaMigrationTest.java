package org.smtprc.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration's three starting points, on an in-memory H2 with the real scripts. */
class SchemaMigrationTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    SchemaMigrationTest() {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
    }

    @Test
    void anEmptyDatabaseGetsEveryScript() throws Exception {
        var result = migrate();

        assertThat(result.migrationsExecuted).isEqualTo(5);
        assertThat(tables()).contains("scan", "host_result", "quarantined_mail", "audit_entry", "flyway_schema_history")
                .doesNotContain("installation_key");
        assertThat(history()).containsExactly("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
    }

    @Test
    void aDatabaseWithOnlyJberetsTablesStillGetsOurs() throws Exception {
        execute("create table JOB_INSTANCE (JOBINSTANCEID bigint primary key)");

        migrate();

        assertThat(tables()).contains("scan", "job_instance");
        assertThat(history()).containsExactly("0 BASELINE", "1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
    }

    @Test
    void aDatabaseOfTheReleaseBeforeMigrationsIsBaselinedAtV1AndUpgraded() throws Exception {
        execute(v1());
        execute("create table installation_key (key_bytes varbinary(64) not null, name varchar(32) not null,"
                + " primary key (name))");
        execute("insert into audit_entry (id, action, actor, at) values (7, 'SCAN_STARTED', 'someone', current_timestamp)");

        var result = migrate();

        assertThat(result.migrationsExecuted).isEqualTo(4);
        assertThat(history()).containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
        assertThat(tables()).doesNotContain("installation_key");
        assertThat(count("audit_entry")).isEqualTo(1);
    }

    @Test
    void aSecondDeploymentChangesNothing() throws Exception {
        migrate();

        assertThat(migrate().migrationsExecuted).isZero();
        assertThat(history()).containsExactly("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
    }

    @Test
    void anUnknownDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> SchemaMigration.folderFor("MySQL")).hasMessageContaining("MySQL");
        assertThat(SchemaMigration.folderFor("PostgreSQL")).isEqualTo("postgresql");
        assertThat(SchemaMigration.folderFor("H2")).isEqualTo("h2");
    }

    private org.flywaydb.core.api.output.MigrateResult migrate() {
        return new SchemaMigration(dataSource, getClass().getClassLoader()).migrate();
    }

    private static String v1() throws Exception {
        try (var in = SchemaMigrationTest.class.getResourceAsStream("/db/migration/h2/V1__schema_before_migrations.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select \"version\", \"type\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null"
                     + " order by \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
