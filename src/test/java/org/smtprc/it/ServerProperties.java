package org.smtprc.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets WildFly system properties on the running test server through its management API, the way an operator
 * does with {@code jboss-cli.sh '/system-property=NAME:add(value=...)'}; removes them again on close.
 */
final class ServerProperties implements AutoCloseable {

    private final ModelControllerClient client;
    private final List<String> added = new ArrayList<>();

    ServerProperties(ModelControllerClient client) {
        this.client = client;
    }

    ServerProperties set(String name, String value) throws IOException {
        remove(name);
        ModelNode add = operation("add", name);
        add.get("value").set(value);
        execute(add);
        added.add(name);
        return this;
    }

    /**
     * Sets a secret the way the README tells the operator: encrypted with the credential store's "smtprc"
     * resolver, so the configuration holds only the ${ENC::smtprc:...} expression and the server resolves it.
     */
    ServerProperties setEncrypted(String name, String clearText) throws IOException {
        ModelNode encrypt = new ModelNode();
        encrypt.get("operation").set("create-expression");
        encrypt.get("address").add("subsystem", "elytron").add("expression", "encryption");
        encrypt.get("resolver").set("smtprc");
        encrypt.get("clear-text").set(clearText);
        return set(name, execute(encrypt).get("expression").asString());
    }

    @Override
    public void close() throws IOException {
        for (String name : added) {
            remove(name);
        }
        added.clear();
    }

    private void remove(String name) throws IOException {
        ModelNode exists = client.execute(operation("read-resource", name));
        if ("success".equals(exists.get("outcome").asString())) {
            execute(operation("remove", name));
        }
    }

    private ModelNode execute(ModelNode operation) throws IOException {
        return execute(client, operation);
    }

    /** Runs a management operation; its result, or an exception saying why it failed. */
    static ModelNode execute(ModelControllerClient client, ModelNode operation) throws IOException {
        ModelNode result = client.execute(operation);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException("management operation " + operation.get("operation") + " on "
                    + operation.get("address") + " failed: " + result.get("failure-description"));
        }
        return result.get("result");
    }

    private static ModelNode operation(String name, String property) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").add("system-property", property);
        return operation;
    }
}
