package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.probe.Battery;

import java.nio.file.Path;

/** The relay-test battery in force: the operator's file when one is configured, read afresh for every scan. */
@ApplicationScoped
public class BatterySource {

    @Inject
    Settings settings;

    public Battery current() {
        String file = settings.batteryFile();
        return file.isEmpty() ? Battery.builtIn() : Battery.load(Path.of(file));
    }
}
