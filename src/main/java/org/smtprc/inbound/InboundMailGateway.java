package org.smtprc.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;
import org.smtprc.receiver.ReceiverSettings;
import org.smtprc.receiver.SmtpReceiver;
import org.smtprc.scan.OwnHeloNames;

import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Logger;

/**
 * Runs the in-app SMTP receiver for the probe domain. A message is acknowledged to the sending relay only
 * once it is on the inbound queue, so relayed mail is never lost: a failure makes the relay retry later.
 */
@Singleton
@Startup
public class InboundMailGateway {

    private static final Logger LOG = Logger.getLogger(InboundMailGateway.class.getName());

    @Inject
    InboundMailSender queue;

    @Inject
    Settings settings;

    @Inject
    OwnHeloNames ownHeloNames;

    private SmtpReceiver receiver;

    @PostConstruct
    void start() {
        try {
            ReceiverSettings receiverSettings = new ReceiverSettings(
                    bindAddress(), settings.receiverPort(),
                    settings.probeDomain(), settings.receiverMaxMessageBytes(), settings.receiverMaxConnections(),
                    settings.receiverIdleTimeout(), settings.heloName());
            receiver = new SmtpReceiver(receiverSettings, queue, ownHeloNames::contains);
            receiver.start();
            LOG.info(() -> "SmtpRC receiver listening on " + settings.receiverBindAddress() + ":" + receiver.port()
                    + " for mail to @" + settings.probeDomain());
        } catch (IOException | IllegalArgumentException e) {
            LOG.severe(() -> "SmtpRC receiver could not start on " + settings.receiverBindAddress() + ":"
                    + settings.receiverPort() + " (" + e.getMessage() + "): relayed probe mail cannot be confirmed."
                    + " Free the port or set smtprc.receiver.port, then redeploy.");
        }
    }

    /** The bind address must be a literal: the receiver never asks DNS. */
    private InetAddress bindAddress() throws IOException {
        String literal = settings.receiverBindAddress();
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("smtprc.receiver.address must be an IP address, not \"" + literal + "\"");
        }
        return InetAddress.getByName(literal);
    }


    @PreDestroy
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
