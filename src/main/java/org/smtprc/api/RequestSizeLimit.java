package org.smtprc.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a body larger than the API's requests ever are before anything reads it, with a 413 that says why:
 * 64 KiB for JSON, 4 MiB for a CSV file (the owners list: about 40,000 owner networks). A body of unknown length
 * (chunked) is cut off at the same bound while it is read. The HTTP listener's max-post-size
 * (wildfly-config/request-limits.cli) is the hard bound behind this one.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_CSV_BYTES = 4 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        int limit = limitFor(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(limit));
        } else if (request.getLength() < 0 && request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), limit));
        }
    }

    static int limitFor(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("text/csv")
                ? MAX_CSV_BYTES : MAX_BODY_BYTES;
    }

    static Response tooLarge() {
        return tooLarge(MAX_BODY_BYTES);
    }

    static Response tooLarge(int limit) {
        return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "request-too-large",
                "message", "the request body is larger than this server accepts (" + limit / 1024
                        + " KiB); nothing was created or changed. Send fewer targets per request, e.g. a CIDR block"
                        + " instead of single addresses; an owners file of CIDR blocks rather than single addresses"))
                .build();
    }

    /** Found by name in the cause chain by {@link ErrorMapper}, like the listener's own exception. */
    static final class RequestTooBigException extends IOException {
        RequestTooBigException(int limit) {
            super("request body over " + limit + " bytes");
        }
    }

    /** A body of unknown length, cut off past the limit. */
    private static final class Bounded extends FilterInputStream {

        private final int limit;
        private long read;

        Bounded(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new RequestTooBigException(limit);
            }
        }
    }
}
