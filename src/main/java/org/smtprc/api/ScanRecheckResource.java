package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.smtprc.recheck.Recheck;
import org.smtprc.recheck.RecheckService;
import org.smtprc.recheck.Rechecks;
import org.smtprc.scan.Scans;

import java.util.List;

/** A scan's re-checks: start one now for the hosts of chosen verdicts, or read what they found per host. */
@Path("/scans/{id}/recheck")
@Produces(MediaType.APPLICATION_JSON)
public class ScanRecheckResource {

    /** The body of a re-check request: the verdicts whose hosts to re-check (none: proven relays). */
    public record RecheckRequest(List<String> verdicts) {
    }

    @Inject
    RecheckService service;

    @Inject
    Rechecks rechecks;

    @Inject
    RecheckViews views;

    @Inject
    Scans scans;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest http;

    /** A JSON body, or none at all with the header {@value CrossSiteRequestGuard#HEADER}. */
    @POST
    public Response recheck(@PathParam("id") long id, RecheckRequest request) {
        Recheck recheck = service.request(id, request == null ? null : request.verdicts(), Actors.of(security, http));
        return Response.created(uri.getAbsolutePath()).entity(views.of(recheck)).build();
    }

    @GET
    public List<RecheckView> list(@PathParam("id") long id) {
        scans.find(id);
        return rechecks.ofScan(id).stream().map(views::of).toList();
    }
}
