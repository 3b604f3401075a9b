package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document WildFly serves at /openapi describes every JAX-RS resource method of the WAR, found here by
 * reflection over the WAR's own classes, so a resource added later is checked without changing this test: its path and
 * HTTP method, who may call it, and the errors it can answer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiDescriptionIT {

    private static final Set<String> READING = Set.of("get", "head", "options");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    /** One resource method: its HTTP method in lower case and its full path with bare templates ("{id}"). */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return (path + " " + method).compareTo(other.path + " " + other.method);
        }
    }

    @Test
    void everyResourceMethodOfTheWarIsInTheDocumentWithItsRolesAndErrors() throws Exception {
        Set<Endpoint> endpoints = resourceMethods(SmtpRcDeployment.war());
        assertThat(endpoints).as("resource methods found in the WAR").hasSizeGreaterThanOrEqualTo(15)
                .contains(new Endpoint("post", "/api/scans"), new Endpoint("get", "/api/scans/{id}/report.csv"));

        ScanApi.Reply reply = new ScanApi(base.toURI(), null).get("/openapi?format=JSON");
        assertThat(reply.status()).as("GET /openapi without a login: %s", reply.body()).isEqualTo(200);
        System.out.printf("GET /openapi?format=JSON: %d characters, from %.600s%n", reply.body().length(), reply.body());
        JsonObject document;
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            document = reader.readObject();
        }
        // A client reaches an operation at its server's URL plus its path: together they name /smtprc/api/...
        List<JsonObject> servers = document.containsKey("servers")
                ? document.getJsonArray("servers").getValuesAs(JsonObject.class) : List.of();
        String serverPath = servers.isEmpty() ? "" : URI.create(servers.getFirst().getString("url")).getPath();
        assertThat("/smtprc").as("servers %s", servers).startsWith(serverPath);
        String pathPrefix = "/smtprc".substring(serverPath.length());
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("login")
                .getString("scheme")).isEqualTo("basic");
        assertThat(document.getJsonObject("components").getJsonObject("schemas")).containsKey("Error");

        JsonObject paths = document.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            JsonObject item = paths.getJsonObject(pathPrefix + endpoint.path());
            if (item == null || !item.containsKey(endpoint.method())) {
                missing.add(endpoint.method().toUpperCase(Locale.ROOT) + " " + endpoint.path());
                continue;
            }
            JsonObject operation = item.getJsonObject(endpoint.method());
            List<String> roles = operation.getJsonArray("x-smtprc-roles").getValuesAs(JsonValue.class).stream()
                    .map(role -> role.toString().replace("\"", "")).toList();
            assertThat(roles).as("roles of %s", endpoint).isEqualTo(READING.contains(endpoint.method())
                    ? List.of("viewer", "operator") : List.of("operator"));
            assertThat(operation.getString("description")).as("description of %s", endpoint).contains("Roles: ");
            assertThat(operation.getJsonObject("responses").keySet()).as("responses of %s", endpoint)
                    .contains("401", "403", "500");
            assertThat(operation.getJsonObject("responses").getJsonObject("403").getJsonObject("content")
                    .getJsonObject("application/json").getJsonObject("schema").getString("$ref"))
                    .isEqualTo("#/components/schemas/Error");
        }
        assertThat(missing).as("resource methods missing from /openapi (%d described: %s)", paths.size(), paths.keySet())
                .isEmpty();
        JsonObject scan = paths.getJsonObject(pathPrefix + "/api/scans/{id}").getJsonObject("get");
        assertThat(scan.getJsonObject("responses").keySet()).contains("200", "404");
        assertThat(paths.getJsonObject(pathPrefix + "/api/scans").getJsonObject("post").getJsonObject("responses").keySet())
                .contains("201", "400", "403", "413");
    }

    /** Every JAX-RS resource method of the WAR's classes (HTTP method annotations and sub-resource locators). */
    static Set<Endpoint> resourceMethods(WebArchive war) throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        String prefix = "/WEB-INF/classes/";
        for (ArchivePath path : war.getContent().keySet()) {
            String name = path.get();
            if (name.startsWith(prefix) && name.endsWith(".class") && !name.contains("$")) {
                classes.add(Class.forName(name.substring(prefix.length(), name.length() - ".class".length())
                        .replace('/', '.'), false, ApiDescriptionIT.class.getClassLoader()));
            }
        }
        String root = classes.stream().map(c -> c.getAnnotation(ApplicationPath.class)).filter(a -> a != null)
                .map(ApplicationPath::value).findFirst().orElseThrow(() -> new AssertionError("no @ApplicationPath"));
        Set<Endpoint> endpoints = new TreeSet<>();
        for (Class<?> type : classes) {
            Path path = type.getAnnotation(Path.class);
            if (path != null && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                collect(type, join(root, path.value()), endpoints, 0);
            }
        }
        return endpoints;
    }

    private static void collect(Class<?> type, String path, Set<Endpoint> endpoints, int depth) {
        for (Method method : type.getMethods()) {
            Path own = method.getAnnotation(Path.class);
            String full = own == null ? path : join(path, own.value());
            String verb = httpMethod(method);
            if (verb != null) {
                endpoints.add(new Endpoint(verb.toLowerCase(Locale.ROOT), full));
            } else if (own != null && depth < 5) {
                collect(method.getReturnType(), full, endpoints, depth + 1);
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** Joins path segments as JAX-RS does, with templates reduced to their names: "{id: \\d+}" becomes "{id}". */
    static String join(String left, String right) {
        String joined = ("/" + left + "/" + right).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
