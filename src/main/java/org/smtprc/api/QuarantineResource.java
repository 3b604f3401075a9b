package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.smtprc.confirmation.QuarantineKeeper;
import org.smtprc.confirmation.QuarantineSummary;
import org.smtprc.confirmation.QuarantinedMail;
import org.smtprc.scan.InvalidScanRequestException;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Mail that reached the probe mailbox and proved nothing (no token, a forged or damaged one, a purged scan),
 * newest first: where a forger or a misrouted mail stream shows up. The quarantine is bounded; its summary says by
 * which limits and how much mail it did not keep.
 */
@Path("/quarantine")
@Tag(name = "proof mailbox", description = "received mail that proved nothing, and inbound mail that failed every delivery")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    private static final int MAX_PAGE = 1_000;

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    QuarantineKeeper keeper;

    /** In a transaction: PostgreSQL reads the headers (a large object) only inside one. */
    @GET
    @Transactional
    @Operation(summary = "Quarantined mail, newest first, with the reason")
    public List<QuarantineView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new InvalidScanRequestException("offset must be 0 or more and limit 1 to " + MAX_PAGE);
        }
        return em.createQuery("select q from QuarantinedMail q order by q.receivedAt desc, q.id desc",
                        QuarantinedMail.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList().stream().map(QuarantineView::of).toList();
    }

    /** Rows, oldest mail, the limits, and what was dropped over the cap or the rate, or deleted past retention. */
    @GET
    @Path("summary")
    @Operation(summary = "The quarantine's size, limits and what it did not keep")
    public QuarantineSummary summary() {
        return keeper.summary();
    }
}
