package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
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

    private static final Jsonb JSON = JsonbBuilder.create();

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

    /**
     * A JSON body, or none at all (with the header {@value CrossSiteRequestGuard#HEADER}, which the guard asks of a
     * request without a body): read as text, because a body-less request has no media type to choose a reader by.
     */
    @POST
    public Response recheck(@PathParam("id") long id, String body) {
        Recheck recheck = service.request(id, verdicts(body), Actors.of(security, http));
        return Response.created(uri.getAbsolutePath()).entity(views.of(recheck)).build();
    }

    private static List<String> verdicts(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            RecheckRequest request = JSON.fromJson(body, RecheckRequest.class);
            return request == null ? null : request.verdicts();
        } catch (JsonbException notJson) {
            throw new IllegalArgumentException("the request body is not the JSON this request takes, e.g."
                    + " {\"verdicts\": [\"CONFIRMED_RELAY\", \"ANONYMOUS_RELAY\"]}");
        }
    }

    @GET
    public List<RecheckView> list(@PathParam("id") long id) {
        scans.find(id);
        return rechecks.ofScan(id).stream().map(views::of).toList();
    }
}
