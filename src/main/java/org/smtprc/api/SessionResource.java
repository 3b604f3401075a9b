package org.smtprc.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Who is logged in and with which roles, so that a client (the console) shows only the controls the user may use;
 * the server refuses the others anyway (web.xml).
 */
@Path("/session")
@Tag(name = "session", description = "the logged-in user and their roles")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    public record SessionView(String user, List<String> roles) {
    }

    private static final List<String> ROLES = List.of("operator", "viewer");

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The logged-in user and their SmtpRC roles")
    public SessionView get() {
        String user = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        return new SessionView(user, ROLES.stream().filter(security::isUserInRole).toList());
    }
}
