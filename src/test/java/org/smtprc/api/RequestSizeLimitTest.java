package org.smtprc.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cut-off of bodies of unknown length (chunked); a declared length over the limit gets its 413 from the server
 * (OwnersIT, RequestValidationIT), where a JAX-RS implementation builds the answer.
 */
class RequestSizeLimitTest {

    /** A request of the given type and declared length (-1: chunked, unknown) whose body is {@code bytes} long. */
    private record Request(ContainerRequestContext context, AtomicReference<InputStream> body) {

        static Request of(String contentType, long declaredLength, int bytes) {
            AtomicReference<InputStream> body = new AtomicReference<>(new ByteArrayInputStream(new byte[bytes]));
            ContainerRequestContext context = (ContainerRequestContext) Proxy.newProxyInstance(
                    RequestSizeLimitTest.class.getClassLoader(), new Class<?>[]{ContainerRequestContext.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaderString" -> contentType;
                        case "getLength" -> (int) declaredLength;
                        case "hasEntity" -> bytes > 0;
                        case "getEntityStream" -> body.get();
                        case "setEntityStream" -> {
                            body.set((InputStream) args[0]);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return new Request(context, body);
        }
    }

    @Test
    void aBodyOfUnknownLengthIsCutOffAtTheSameLimitWhileItIsRead() throws IOException {
        Request json = Request.of("application/json", -1, RequestSizeLimit.MAX_BODY_BYTES + 1);
        new RequestSizeLimit().filter(json.context());
        assertThatThrownBy(() -> json.body().get().readAllBytes())
                .hasToString(RequestSizeLimit.RequestTooBigException.class.getName() + ": request body over "
                        + RequestSizeLimit.MAX_BODY_BYTES + " bytes");

        Request csv = Request.of("text/csv", -1, RequestSizeLimit.MAX_BODY_BYTES + 1);
        new RequestSizeLimit().filter(csv.context());
        assertThat(csv.body().get().readAllBytes()).hasSize(RequestSizeLimit.MAX_BODY_BYTES + 1);
    }
}
