package org.smtprc.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import org.smtprc.audit.Actor;

/** The authenticated user behind a request, and the address the request came from. */
final class Actors {

    private Actors() {
    }

    static Actor of(SecurityContext security, HttpServletRequest request) {
        String name = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        return new Actor(name, request.getRemoteAddr());
    }

    /** The same from the servlet request alone, which knows the authenticated user too. */
    static Actor of(HttpServletRequest request) {
        String name = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        return new Actor(name, request.getRemoteAddr());
    }
}
