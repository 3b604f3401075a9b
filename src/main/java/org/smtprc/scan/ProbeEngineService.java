package org.smtprc.scan;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.probe.HostReport;
import org.smtprc.probe.ProbeEngine;
import org.smtprc.probe.ProbeSettings;
import org.smtprc.addresses.Endpoint;

import java.util.concurrent.CompletableFuture;

/** The server's one probe engine: its in-flight limit holds across all partitions of all scans. */
@ApplicationScoped
public class ProbeEngineService {

    @Inject
    Settings settings;

    private ProbeEngine engine;

    @PostConstruct
    void start() {
        engine = new ProbeEngine(settings.maxInFlight(), settings.maxPerHost(), settings.maxPerNetwork(),
                settings.maxNewHostsPerSecond());
    }

    @PreDestroy
    void stop() {
        engine.close();
    }

    public CompletableFuture<HostReport> submit(Endpoint endpoint, ProbeSettings probeSettings) {
        return engine.submit(endpoint, probeSettings);
    }
}
