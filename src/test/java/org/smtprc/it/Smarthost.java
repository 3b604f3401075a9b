package org.smtprc.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;

/**
 * Points the socket binding of SmtpRC's outgoing mail ({@code smtprc-smarthost}, wildfly-config/mail.cli) at a test
 * mail server through the management API, as an operator would with the CLI; puts the old port back on close.
 */
final class Smarthost implements AutoCloseable {

    private final ModelControllerClient client;
    private final int original;

    Smarthost(ModelControllerClient client, int port) throws IOException {
        this.client = client;
        this.original = port(client);
        write(port);
    }

    @Override
    public void close() throws IOException {
        write(original);
    }

    /** Writes the port; when the server says it takes effect only after a reload, reloads and waits for it. */
    void write(int port) throws IOException {
        ModelNode operation = operation("write-attribute");
        operation.get("name").set("port");
        operation.get("value").set(port);
        ModelNode result = client.execute(operation);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException("setting the smarthost port failed: " + result.get("failure-description"));
        }
        if (result.get("response-headers", "operation-requires-reload").asBoolean(false)
                || result.get("response-headers", "process-state").asString("").contains("reload")) {
            ServerReload.reloadAndWait(client);
        }
    }

    private static int port(ModelControllerClient client) throws IOException {
        ModelNode operation = operation("read-attribute");
        operation.get("name").set("port");
        return ServerProperties.execute(client, operation).asInt();
    }

    private static ModelNode operation(String name) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").add("socket-binding-group", "standard-sockets")
                .add("remote-destination-outbound-socket-binding", "smtprc-smarthost");
        return operation;
    }
}
