package org.smtprc.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings SmtpRC's tables to the version this build expects, with Flyway and the versioned SQL scripts under
 * {@code db/migration/<database>/} (one folder per database: H2 and PostgreSQL name their types differently).
 * <p>
 * A database written by a release before migrations (its tables made by Hibernate's {@code update}, no Flyway
 * history) is baselined at V1, which is exactly that release's schema, and then upgraded. A database without our
 * tables gets every script from V1, even when JBeret's job-repository tables are already in it: those belong to
 * JBeret, which creates them itself, and no script here touches them.
 */
public final class SchemaMigration {

    /** Flyway's history of applied scripts, in the same schema as our tables. */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** A table every release has had: its presence without a history marks a database made before migrations. */
    static final String RELEASE_MARKER_TABLE = "scan";

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private final DataSource dataSource;
    private final ClassLoader scripts;

    public SchemaMigration(DataSource dataSource, ClassLoader scripts) {
        this.dataSource = dataSource;
        this.scripts = scripts;
    }

    /** Applies the scripts not yet applied; throws (and so stops the deployment) when one fails. */
    public MigrateResult migrate() {
        String folder;
        boolean madeBeforeMigrations;
        try (Connection connection = dataSource.getConnection()) {
            folder = folderFor(connection.getMetaData().getDatabaseProductName());
            Set<String> tables = tableNames(connection);
            madeBeforeMigrations = !tables.contains(HISTORY_TABLE) && tables.contains(RELEASE_MARKER_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables before migrating: " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(scripts)
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .table(HISTORY_TABLE)
                // A schema that is not empty but has no history: either our tables from before migrations (V1),
                // or only JBeret's tables (0, so that V1 creates ours).
                .baselineOnMigrate(true)
                .baselineVersion(madeBeforeMigrations ? "1" : "0")
                .baselineDescription(madeBeforeMigrations ? "schema of the release before migrations" : "empty")
                .cleanDisabled(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "database schema " + (madeBeforeMigrations ? "(made before migrations, baselined at V1) " : "")
                + "at version " + flyway.info().current().getVersion() + " after " + result.migrationsExecuted
                + " migration(s) (" + folder + ")");
        return result;
    }

    static String folderFor(String databaseProductName) {
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        if (name.startsWith("h2")) {
            return "h2";
        }
        if (name.startsWith("postgresql")) {
            return "postgresql";
        }
        throw new IllegalStateException("no schema migrations for database " + databaseProductName
                + " (SmtpRC supports H2 and PostgreSQL)");
    }

    private static Set<String> tableNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
