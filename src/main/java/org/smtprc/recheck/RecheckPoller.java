package org.smtprc.recheck;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every five seconds: starts the re-checks that are due. A non-persistent timer on each server: the due re-checks
 * themselves are rows in the database, so they survive restarts, and each is claimed by one server only.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecheckPoller {

    private static final Logger LOG = Logger.getLogger(RecheckPoller.class.getName());

    @Inject
    RecheckService service;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "SmtpRC re-checks")
    void poll() {
        try {
            service.poll();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "the re-check poll failed; the next one tries again", failed);
        }
    }
}
