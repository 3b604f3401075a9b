package org.smtprc.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every operation of the API shares, written into its OpenAPI description here once, so that a resource added
 * later is described alike: who may call it (web.xml: reading methods for viewers and operators, the rest for
 * operators only), and the errors any request can meet (no login, wrong role, a foreign page's request, a body too
 * large, bad input, our own fault). Every error response carries the {@value #ERROR} body of {@link ErrorMapper}; a
 * response an operation declares itself keeps its own description, with the shared reason added.
 * <p>
 * Registered with {@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties}.
 */
public class ApiDescriptionFilter implements OASFilter {

    static final String LOGIN = "login";
    static final String ERROR = "Error";
    static final String ROLES = "x-smtprc-roles";
    /** The methods web.xml lets viewers call; every other method is for operators only. */
    private static final Set<PathItem.HttpMethod> READING = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS);

    @Override
    public PathItem filterPathItem(PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            describe(entry.getKey(), entry.getValue(), hasParameters(item));
        }
        return item;
    }

    private static boolean hasParameters(PathItem item) {
        return item.getParameters() != null && !item.getParameters().isEmpty();
    }

    static void describe(PathItem.HttpMethod method, Operation operation, boolean pathParameters) {
        boolean reading = READING.contains(method);
        List<String> roles = reading ? List.of("viewer", "operator") : List.of("operator");
        operation.addExtension(ROLES, roles);
        operation.setDescription(join(operation.getDescription(), "Roles: " + String.join(", ", roles) + ".", " "));

        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        error(responses, "401", "no login, or a wrong one");
        error(responses, "403", reading ? "the login lacks the role viewer or operator"
                : "the login lacks the role operator; or the request could have come from a foreign web page: without"
                + " a JSON body (Content-Type: application/json) or the header X-SmtpRC-Request: 1, or with an Origin"
                + " of another site (error cross-site-request)");
        if (operation.getRequestBody() != null) {
            error(responses, "413", "the request body is over 64 KiB (error request-too-large)");
        }
        if (pathParameters || hasParameters(operation)) {
            error(responses, "400", "malformed or out-of-range input: the message names the part to change");
        }
        error(responses, "500", "the server failed to handle the request: see the server log");
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null) {
                response.setContent(errorBody());
            }
        });
    }

    private static boolean hasParameters(Operation operation) {
        return operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    }

    private static void error(APIResponses responses, String status, String reason) {
        APIResponse declared = responses.getAPIResponse(status);
        if (declared != null) {
            declared.setDescription(join(declared.getDescription(), reason, "; "));
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(reason).content(errorBody()));
    }

    private static Content errorBody() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR)));
    }

    private static String join(String own, String shared, String separator) {
        if (own == null || own.isBlank()) {
            return shared;
        }
        return own.contains(shared) ? own : own + separator + shared;
    }
}
