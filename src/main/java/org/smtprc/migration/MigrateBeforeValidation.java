package org.smtprc.migration;

import javax.sql.DataSource;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the schema migrations while Hibernate builds the persistence unit: integrators run inside the session
 * factory's construction, before its schema tool ({@code hibernate.hbm2ddl.auto=validate}) checks the tables
 * against the entities, and so before any bean (ScanRecovery, the receiver, schedules, re-checks) can read the
 * database. Registered in {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public final class MigrateBeforeValidation implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        new SchemaMigration(dataSource, MigrateBeforeValidation.class.getClassLoader()).migrate();
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo: the schema stays as migrated
    }
}
