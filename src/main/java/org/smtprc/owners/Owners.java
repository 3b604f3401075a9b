package org.smtprc.owners;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.audit.Actor;
import org.smtprc.audit.AuditTrail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The owners list in the database: read it, replace it whole from a CSV file, hold or release an owner's notices. */
@Stateless
public class Owners {

    private static final Logger LOG = Logger.getLogger(Owners.class.getName());

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** What an import did. */
    public record Replaced(int owners, int before, int added, int removed) {
    }

    public List<Owner> all() {
        return em.createQuery("select o from OwnerNetwork o", OwnerNetwork.class).getResultList().stream()
                .map(OwnerNetwork::toOwner).sorted((a, b) -> a.network().compareTo(b.network())).toList();
    }

    public OwnerDirectory directory() {
        return new OwnerDirectory(all());
    }

    /**
     * Replaces the whole list with the file's, in this one transaction: a bad file changes nothing. A network kept
     * from the old list keeps its hold unless the file has a {@code held} column.
     */
    public Replaced replace(String csv, Actor actor) {
        long started = System.nanoTime();
        List<OwnersCsv.Row> rows;
        try {
            rows = OwnersCsv.parse(csv);
        } catch (OwnersCsvException refused) {
            audit.record(actor, "OWNERS_IMPORT_REFUSED", null, refused.getMessage());
            throw refused;
        }
        long parsed = System.nanoTime();
        Map<String, Boolean> heldBefore = new HashMap<>();
        for (Owner owner : all()) {
            heldBefore.put(owner.network().toString(), owner.noticesHeld());
        }
        em.createQuery("delete from OwnerNetwork").executeUpdate();
        for (OwnersCsv.Row row : rows) {
            Owner owner = row.owner();
            Boolean wasHeld = heldBefore.get(owner.network().toString());
            em.persist(new OwnerNetwork(row.heldGiven() || wasHeld == null ? owner : owner.held(wasHeld)));
        }
        Set<String> now = rows.stream().map(r -> r.owner().network().toString()).collect(Collectors.toSet());
        int kept = (int) heldBefore.keySet().stream().filter(now::contains).count();
        Replaced result = new Replaced(rows.size(), heldBefore.size(), rows.size() - kept, heldBefore.size() - kept);
        em.flush();
        audit.record(actor, "OWNERS_REPLACED", null, "owners list replaced: " + result.owners() + " networks (was "
                + result.before() + "; " + result.added() + " new, " + result.removed() + " removed)");
        LOG.info("owners list replaced by " + actor.name() + ": " + rows.size() + " networks, read in "
                + (parsed - started) / 1_000_000 + " ms, stored in " + (System.nanoTime() - parsed) / 1_000_000 + " ms");
        return result;
    }

    /** Holds (or releases) the notices of the owner network with this id: they are recorded, not sent. */
    public Owner hold(long id, boolean held, Actor actor) {
        OwnerNetwork stored = em.find(OwnerNetwork.class, id);
        if (stored == null) {
            throw new UnknownOwnerException(id);
        }
        stored.hold(held);
        Owner owner = stored.toOwner();
        audit.record(actor, held ? "OWNER_NOTICES_HELD" : "OWNER_NOTICES_RELEASED", null,
                owner.network() + " (" + owner.name() + ", " + owner.contact() + ")");
        return owner;
    }
}
