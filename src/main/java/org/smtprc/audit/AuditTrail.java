package org.smtprc.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;

/** Records who started, stopped or restarted which scan, and who changed the scope; and reads it back. */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    /** In its own transaction: an action that was refused is recorded all the same. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Actor actor, String action, Long scanId, String detail) {
        em.persist(new AuditEntry(Instant.now(), actor, action, scanId, detail));
    }

    public List<AuditEntry> recent(Long scanId, int limit) {
        String filter = scanId == null ? "" : " where a.scanId = :scan";
        var query = em.createQuery("select a from AuditEntry a" + filter + " order by a.id desc", AuditEntry.class)
                .setMaxResults(limit);
        if (scanId != null) {
            query.setParameter("scan", scanId);
        }
        return query.getResultList();
    }
}
