package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.addresses.OwnReceiver;
import org.smtprc.config.ReceiverEndpoint;
import org.smtprc.config.Settings;
import org.smtprc.probe.ProbeSettings;
import org.smtprc.proof.ProbeMessage;
import org.smtprc.config.TokenKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the hosts of one scan are probed: its options, its battery profile (a re-check's with the forms accepted before
 * first), its probe message, the scope (sparing the
 * scanner's own receiver unless the scan named it).
 */
@ApplicationScoped
public class ScanProbeSettings {

    @Inject
    Settings settings;

    @Inject
    Scans scans;

    @Inject
    BatterySource batteries;

    @Inject
    TokenKeys tokenKeys;

    @Inject
    ScopeService scope;

    @Inject
    OwnHeloNames ownHeloNames;

    @Inject
    ReceiverEndpoint receiverEndpoint;

    /**
     * Read afresh by each block's processor whenever an execution begins and by the greylist retry, so a restarted
     * or resumed scan probes within the authorised networks as they are then, not as they were at its start.
     */
    public ProbeSettings forScan(long scanId) {
        Scan scan = scans.find(scanId);
        ScanOptions options = scan.getOptions();
        ownHeloNames.add(options.getHeloName());
        ProbeMessage message = new ProbeMessage(template(), tokenKeys.token(), scanId, settings.operatorName(),
                settings.contact(), settings.probeLocalPart() + "@" + settings.probeDomain());
        return new ProbeSettings(options.getHeloName(), settings.probeLocalPart(), settings.probeDomain(),
                Duration.ofMillis(options.getConnectTimeoutMs()), Duration.ofMillis(options.getCommandTimeoutMs()),
                Duration.ofMillis(options.getHostBudgetMs()), options.isRcptOnly(), options.isMessagePerForm(),
                batteries.current().profile(scan.getProfile(), scan.getFormsFirst()), message,
                scope.current().sparing(ownReceiver().except(scan.getOwnReceiverNamed())));
    }

    /** Where this server's receiver can be reached, which no scan probes unless it named the address on its own. */
    OwnReceiver ownReceiver() {
        ReceiverEndpoint.Chosen at = receiverEndpoint.chosen();
        return OwnReceiver.at(at.address(), at.port());
    }

    private String template() {
        String file = settings.messageTemplateFile();
        if (file.isEmpty()) {
            return ProbeMessage.builtInTemplate();
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the probe message template " + file + ": " + e.getMessage(), e);
        }
    }
}
