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

/** The networks this installation may scan. Changing them is an operator action, and it is audited. */
@Path("/scope")
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
    public ScopeView get() {
        return new ScopeView(scope.current().describe());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ScopeView change(ScopeView requested) {
        return new ScopeView(scope.change(requested == null ? null : requested.networks(), Actors.of(security, http))
                .describe());
    }
}
