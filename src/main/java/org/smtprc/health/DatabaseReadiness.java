package org.smtprc.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.smtprc.config.Settings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Ready while the database that holds the scans, the proof and the job repository answers: a connection from the
 * datasource's pool that the driver validates within smtprc.health.database-timeout-ms.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String DATASOURCE = "java:jboss/datasources/SmtpRcDS";

    @Resource(lookup = DATASOURCE)
    DataSource database;

    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        int seconds = (int) Math.max(1, (settings.healthDatabaseTimeout().toMillis() + 999) / 1000);
        return Problems.answer("database", problem(database, seconds)).build();
    }

    /** Why the database does not answer, or empty when a connection validates within {@code seconds}. */
    static Optional<String> problem(DataSource database, int seconds) {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(seconds) ? Optional.empty() : Optional.of("the database (datasource "
                    + DATASOURCE + ") did not answer a validation within " + seconds + " s");
        } catch (SQLException | RuntimeException e) {
            return Optional.of("the database (datasource " + DATASOURCE + ") is unreachable: " + e.getMessage());
        }
    }
}
