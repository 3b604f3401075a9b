package org.smtprc.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.smtprc.report.SafeText;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses cross-site request forgery: a browser that has an operator's login resends it with any request a foreign
 * web page makes it send. A page can make a browser send a form or plain text without asking anyone, but a JSON body
 * or a header of its own only after a CORS preflight, which this API never grants. So every request that changes
 * something (any method but GET, HEAD and OPTIONS) must carry a JSON body ({@code Content-Type: application/json}),
 * a CSV file ({@code text/csv}: not a type a page may send without a preflight either) or, when it has no body, the
 * header {@value #HEADER}; a form or plain text body is refused, header or not. And a request
 * whose {@code Origin} header names another site than the one it was sent to is refused. Either way with a 403
 * that says why, before anything reads the body, so nothing changes.
 */
@Provider
@PreMatching
public class CrossSiteRequestGuard implements ContainerRequestFilter {

    /** The header an API client sends with a request that has no body (stop, restart); its value is not read. */
    public static final String HEADER = "X-SmtpRC-Request";

    private static final Logger LOG = Logger.getLogger(CrossSiteRequestGuard.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int SHOWN_CHARS = 200;

    @Override
    public void filter(ContainerRequestContext request) {
        refusal(request.getMethod(), request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                request.getHeaderString(HEADER) != null, request.getHeaderString("Origin"),
                request.getUriInfo().getRequestUri())
                .ifPresent(reason -> {
                    LOG.warning("refused " + inert(request.getMethod() + " "
                            + request.getUriInfo().getRequestUri().getRawPath()) + ": " + reason);
                    request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(Map.of("error", "cross-site-request", "message", reason + "; nothing was changed"))
                            .build());
                });
    }

    /** Why a request is refused, or empty when it may go on. */
    static Optional<String> refusal(String method, String contentType, boolean hasHeader, String origin, URI target) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (origin != null && !sameOrigin(origin, target)) {
            return Optional.of("this request was sent by a web page of " + shown(origin) + ", not of SmtpRC itself ("
                    + origin(target) + "): a page on another site may not act with your login");
        }
        if (contentType != null && !contentType.isBlank()) {
            return json(contentType) || csv(contentType) ? Optional.empty() : Optional.of("a body of type "
                    + shown(contentType) + " is not taken: send JSON with Content-Type: application/json"
                    + " (or a CSV file with Content-Type: text/csv where the API takes one)");
        }
        return hasHeader ? Optional.empty() : Optional.of("a request that changes something must send JSON"
                + " (Content-Type: application/json) or, without a body, the header " + HEADER + ": 1");
    }

    /** application/json or a structured syntax of it (application/problem+json), parameters aside. */
    private static boolean json(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    /** text/csv, parameters aside: a browser sends it cross-site only after a preflight, which is never granted. */
    private static boolean csv(String contentType) {
        return mediaType(contentType).equals("text/csv");
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /** Scheme, host and port equal, the port defaulting by scheme; "null" and anything unparsable differ. */
    static boolean sameOrigin(String origin, URI target) {
        try {
            URI source = new URI(origin.trim());
            return source.getScheme() != null && source.getHost() != null
                    && source.getScheme().equalsIgnoreCase(target.getScheme())
                    && source.getHost().equalsIgnoreCase(target.getHost())
                    && port(source) == port(target);
        } catch (URISyntaxException unparsable) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String origin(URI target) {
        return target.getScheme() + "://" + target.getHost() + ":" + port(target);
    }

    private static String shown(String hostile) {
        return "\"" + inert(hostile) + "\"";
    }

    private static String inert(String hostile) {
        return SafeText.printableLine(SafeText.bound(hostile, SHOWN_CHARS));
    }
}
