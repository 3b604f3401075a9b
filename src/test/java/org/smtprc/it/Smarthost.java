package org.smtprc.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

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
            reload();
        }
    }

    private void reload() throws IOException {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        client.execute(reload);
        // The reload runs after the operation returns: the old server may still answer "running" at first, so only
        // a "running" after the server was seen away (or in another state), or well after the reload, means it is back.
        boolean away = false;
        Instant surelyReloaded = Instant.now().plusSeconds(10);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500);
                ModelNode state = new ModelNode();
                state.get("operation").set("read-attribute");
                state.get("address").setEmptyList();
                state.get("name").set("server-state");
                ModelNode answer = client.execute(state);
                boolean running = "running".equals(answer.get("result").asString());
                if (running && (away || Instant.now().isAfter(surelyReloaded))) {
                    return;
                }
                away |= !running;
            } catch (IOException notYetBack) {
                away = true; // the management interface is down while the server reloads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the server reloads", e);
            }
        }
        throw new IllegalStateException("the server did not come back within 3 minutes of a reload");
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
