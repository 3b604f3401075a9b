package org.smtprc.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The proof token key in the test server's credential store, exported first so that a test that takes it out (an
 * outage) can put it back as it was.
 */
record TokenKeyStore(ManagementClient management, String exported) {

    static TokenKeyStore export(ManagementClient management) throws IOException {
        return new TokenKeyStore(management, ServerProperties.execute(management.getControllerClient(),
                operation("export-secret-key")).get("key").asString());
    }

    void remove() throws IOException {
        ServerProperties.execute(management.getControllerClient(), operation("remove-alias"));
    }

    /**
     * Puts the key back unless it is there, and leaves the store file readable by its owner only, as
     * provisioning made it: WildFly writes a changed store anew with the server process's umask (the README's
     * "Secrets" asks operators to change stores under {@code umask 077}); {@code CredentialStoreIT} checks it.
     */
    void restore() throws IOException {
        ModelNode aliases = ServerProperties.execute(management.getControllerClient(), store("read-aliases"));
        if (!aliases.asList().stream().map(ModelNode::asString).toList().contains("smtprc-token-key")) {
            ModelNode importKey = operation("import-secret-key");
            importKey.get("key").set(exported);
            ServerProperties.execute(management.getControllerClient(), importKey);
        }
        Path file = Path.of(System.getProperty("jboss.home"), "standalone/configuration/smtprc-secrets.cs");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static ModelNode operation(String name) {
        ModelNode operation = store(name);
        operation.get("alias").set("smtprc-token-key");
        return operation;
    }

    private static ModelNode store(String name) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").add("subsystem", "elytron").add("secret-key-credential-store", "smtprc-secrets");
        return operation;
    }
}
