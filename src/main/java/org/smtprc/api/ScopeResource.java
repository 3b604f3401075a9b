package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.smtprc.scan.ScopeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The networks this installation may scan. Changing them is an operator action, and it is audited. */
@Path("/scope")
@Tag(name = "scope", description = "the networks this installation may scan")
@Produces(MediaType.APPLICATION_JSON)
public class ScopeResource {

    public record ScopeView(String networks) {
    }

    @Inject
    ScopeService scope;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest http;

    @GET
    @Operation(summary = "The authorised networks")
    public ScopeView get() {
        return new ScopeView(scope.current().describe());
    }

    @PUT
    @Operation(summary = "Change the authorised networks (audited)")
    @APIResponse(responseCode = "200", description = "the networks now authorised")
    @APIResponse(responseCode = "400", description = "a network that cannot be read (error invalid-request)")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScopeView change(ScopeView requested) {
        return new ScopeView(scope.change(requested == null ? null : requested.networks(), Actors.of(security, http))
                .describe());
    }
}
