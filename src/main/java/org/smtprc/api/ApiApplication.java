package org.smtprc.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.Components;

/**
 * The REST API under {@code /api}. Its OpenAPI description is served by WildFly at {@code /openapi}; what every
 * operation shares (the login, the roles, the common errors) is added by {@link ApiDescriptionFilter}.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "SmtpRC", version = "1.0", description = "An open-relay scanner for the networks you run:"
                + " start scans, read their verdicts, evidence and reports, watch the proof mailbox's quarantine and"
                + " dead letters, and keep the audit trail. Every request needs a login (HTTP Basic) with the role"
                + " viewer (reading) or operator (everything); x-smtprc-roles on each operation names them."),
        security = @SecurityRequirement(name = ApiDescriptionFilter.LOGIN),
        components = @Components(schemas = @Schema(name = ApiDescriptionFilter.ERROR, type = SchemaType.OBJECT,
                description = "Every failure: a short kind and a message that says what to change",
                properties = {
                        @SchemaProperty(name = "error", type = SchemaType.STRING, examples = "invalid-request",
                                description = "the kind: invalid-request, out-of-scope, unknown-scan, scan-state,"
                                        + " cross-site-request, request-too-large, request, internal"),
                        @SchemaProperty(name = "message", type = SchemaType.STRING,
                                description = "what was wrong, in the operator's words")})))
@SecurityScheme(securitySchemeName = ApiDescriptionFilter.LOGIN, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "a user of WildFly's ApplicationRealm in the group viewer or operator (bin/add-user.sh -a)")
public class ApiApplication extends Application {
}
