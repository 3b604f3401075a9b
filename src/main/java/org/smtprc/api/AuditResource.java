package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.smtprc.audit.AuditEntry;
import org.smtprc.audit.AuditTrail;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: who did what to which scan, when, from where; newest first. */
@Path("/audit")
@Tag(name = "audit", description = "who did what to which scan, when, from where")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, Instant at, String actor, String from, String action, Long scanId, String detail) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.getId(), e.getAt(), e.getActor(), e.getFromAddress(), e.getAction(), e.getScanId(),
                    e.getDetail());
        }
    }

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "The audit trail, newest first, of one scan if asked")
    public List<AuditView> recent(@QueryParam("scan") Long scanId, @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.recent(scanId, Math.max(1, Math.min(limit, 1_000))).stream().map(AuditView::of).toList();
    }
}
