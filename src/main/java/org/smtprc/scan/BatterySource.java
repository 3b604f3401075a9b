package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.probe.Battery;

import java.io.IOException;
import java.nio.file.Path;

/** The relay-test battery in force: the operator's file when one is configured, read afresh for every scan. */
@ApplicationScoped
public class BatterySource {

    @Inject
    Settings settings;

    public Battery current() {
        String file = settings.batteryFile();
        if (file.isEmpty()) {
            return Battery.builtIn();
        }
        try {
            return Battery.load(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the battery file " + file + " (smtprc.battery.file): "
                    + e.getMessage());
        }
    }
}
