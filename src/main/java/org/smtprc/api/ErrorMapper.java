package org.smtprc.api;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.smtprc.owners.UnknownOwnerException;
import org.smtprc.scan.ScanStateException;
import org.smtprc.scan.UnknownScanException;
import org.smtprc.schedule.UnknownScheduleException;
import org.smtprc.addresses.FieldError;
import org.smtprc.addresses.OutOfScopeException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure as JSON with a message a person can act on; bad input is 4xx, our own faults 500. A refusal that knows
 * the request's field it is about ({@link FieldError}) names it as {@code field}.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        Throwable cause = exception instanceof EJBException && exception.getCause() != null
                ? exception.getCause() : exception;
        if (tooLarge(exception)) {
            return RequestSizeLimit.tooLarge();
        }
        if (cause instanceof ProcessingException) {
            return json(400, "invalid-request", "the request body is not the JSON this request takes ("
                    + cause.getMessage() + "); the README's \"Start a scan\" part shows one");
        }
        if (cause instanceof WebApplicationException web) {
            Response original = web.getResponse();
            return json(original.getStatus(), "request", web.getMessage());
        }
        if (cause instanceof OutOfScopeException) {
            return json(403, "out-of-scope", cause);
        }
        if (cause instanceof UnknownScanException) {
            return json(404, "unknown-scan", cause.getMessage());
        }
        if (cause instanceof UnknownScheduleException) {
            return json(404, "unknown-schedule", cause.getMessage());
        }
        if (cause instanceof UnknownOwnerException) {
            return json(404, "unknown-owner", cause.getMessage());
        }
        if (cause instanceof ScanStateException) {
            return json(409, "scan-state", cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return json(400, "invalid-request", cause);
        }
        LOG.log(Level.SEVERE, "request failed", exception);
        return json(500, "internal", "the server failed to handle this request: see the server log ("
                + cause.getClass().getSimpleName() + ")");
    }

    /**
     * The HTTP listener stops reading at its max-post-size and the body reader sees the listener's own
     * exception, possibly wrapped; it is known by name so that the API depends on no server library.
     */
    private static boolean tooLarge(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("RequestTooBigException")) {
                return true;
            }
        }
        return false;
    }

    private static Response json(int status, String error, String message) {
        return json(status, error, message, null);
    }

    /** A refusal of what the operator typed: with the request's field it is about, when it knows one. */
    private static Response json(int status, String error, Throwable refusal) {
        return json(status, error, refusal.getMessage(), refusal instanceof FieldError about ? about.field() : null);
    }

    private static Response json(int status, String error, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message == null ? error : message);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
