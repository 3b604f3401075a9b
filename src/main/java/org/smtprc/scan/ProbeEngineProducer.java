package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.smtprc.config.Settings;
import org.smtprc.probe.ProbeEngine;

/**
 * The server's one probe engine, so that its in-flight and politeness limits hold across all partitions of all
 * scans; closed when the application stops.
 */
@ApplicationScoped
public class ProbeEngineProducer {

    @Inject
    Settings settings;

    @Produces
    @Singleton
    ProbeEngine engine() {
        return new ProbeEngine(settings.maxInFlight(), settings.maxPerHost(), settings.maxPerNetwork(),
                settings.maxNewHostsPerSecond(), settings.testsPerSession());
    }

    void close(@Disposes ProbeEngine engine) {
        engine.close();
    }
}
