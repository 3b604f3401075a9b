package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.smtprc.audit.AuditTrail;
import org.smtprc.inbound.DeadLetter;
import org.smtprc.inbound.DeadLetters;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Inbound mail that failed every delivery attempt to the matching bean (an outage, such as an unreadable token key
 * or database) and waits in the dead-letter queue: listed for viewers, moved back to the inbound queue by an
 * operator once the cause is gone. A retry is audited.
 */
@Path("/dead-letters")
@Tag(name = "proof mailbox")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final int MAX_PAGE = 1_000;

    @Inject
    DeadLetters deadLetters;

    @Inject
    AuditTrail audit;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest http;

    /** Oldest first. */
    @GET
    @Operation(summary = "Dead letters, oldest first")
    public List<DeadLetterView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 to " + MAX_PAGE);
        }
        return deadLetters.list(offset, limit).stream().map(DeadLetterView::of).toList();
    }

    /** Moves the dead letter back to the inbound queue, where it is judged again; the answer shows what moved. */
    @POST
    @Path("{id}/retry")
    @Operation(summary = "Move a dead letter back to the inbound queue (audited)",
            description = "Send the header X-SmtpRC-Request: 1.")
    @APIResponse(responseCode = "200", description = "the dead letter that moved")
    @APIResponse(responseCode = "404", description = "no such dead letter (retried already?)")
    @APIResponse(responseCode = "409", description = "the message is not inbound mail")
    public Response retry(@PathParam("id") String id) {
        DeadLetter retried;
        try {
            retried = deadLetters.retry(id).orElseThrow(() -> new NotFoundException("no dead letter "
                    + DeadLetterView.shown(id) + " (retried already? GET /api/dead-letters lists those left)"));
        } catch (DeadLetters.NotInboundMail notMail) {
            throw new ClientErrorException(notMail.getMessage(), Response.Status.CONFLICT);
        }
        DeadLetterView view = DeadLetterView.of(retried);
        audit.record(Actors.of(security, http), "DEAD_LETTER_RETRIED", null, "dead letter " + view.id()
                + " moved back to the inbound queue: " + view.sizeBytes() + " bytes from <" + view.mailFrom()
                + "> (" + view.peer() + ") to " + view.recipients() + ", received " + view.receivedAt()
                + ", delivered " + view.deliveryCount() + " times, last failure: "
                + (view.reason() == null ? "not known" : view.reason()));
        return Response.ok(view).build();
    }
}
