package org.smtprc.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Reloads the test server, as {@code jboss-cli.sh ':reload'}, and returns once the reloaded server runs. */
final class ServerReload {

    private ServerReload() {
    }

    static void reloadAndWait(ModelControllerClient client) throws IOException {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        ServerProperties.execute(client, reload);
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
                boolean running = "running".equals(client.execute(state).get("result").asString());
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
}
