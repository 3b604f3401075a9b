package org.smtprc.scan;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;
import org.smtprc.config.Settings;
import org.smtprc.addresses.Scope;

import java.time.Instant;

/** The scope guard's networks: the operator's last setting, else the installation default (loopback). */
@Stateless
public class ScopeService {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    AuditTrail audit;

    public Scope current() {
        return Scope.parse(currentText());
    }

    public String currentText() {
        AuthorisedNetworks stored = em.find(AuthorisedNetworks.class, AuthorisedNetworks.ONLY);
        return stored == null ? settings.scope() : stored.getNetworks();
    }

    /** Validates before storing: a malformed network list changes nothing. */
    public Scope change(String networks, Actor actor) {
        if (networks == null || networks.isBlank()) {
            throw new InvalidScanRequestException("networks: give at least one authorised network, e.g. 127.0.0.0/8");
        }
        Scope scope = Scope.parse(networks);
        AuthorisedNetworks stored = em.find(AuthorisedNetworks.class, AuthorisedNetworks.ONLY);
        String before = stored == null ? settings.scope() : stored.getNetworks();
        if (stored == null) {
            em.persist(new AuthorisedNetworks(networks.trim(), actor.name(), Instant.now()));
        } else {
            stored.change(networks.trim(), actor.name(), Instant.now());
        }
        audit.record(actor, "SCOPE_CHANGED", null, "from [" + before + "] to [" + networks.trim() + "]");
        return scope;
    }
}
