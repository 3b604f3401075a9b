package org.smtprc.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * Refuses a body larger than the API's requests ever are before anything reads it, with a 413 that says why.
 * The HTTP listener's max-post-size (wildfly-config/request-limits.cli) is the hard bound behind this one.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            request.abortWith(tooLarge());
        }
    }

    static Response tooLarge() {
        return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "request-too-large",
                "message", "the request body is larger than this server accepts (" + MAX_BODY_BYTES / 1024
                        + " KiB); nothing was created. Send fewer targets per request, e.g. a CIDR block instead"
                        + " of single addresses")).build();
    }
}
