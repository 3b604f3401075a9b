package org.smtprc.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's secrets stay in its credential stores: the store files are readable by their owner only, and on
 * PostgreSQL the datasource takes its password from the password store (password-store.sh) through a credential
 * reference, with no password in its configuration or on the server's command line.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CredentialStoreIT {

    private static final Path CONFIGURATION = Path.of(System.getProperty("jboss.home"), "standalone/configuration");
    private static final boolean POSTGRESQL = System.getProperty("smtprc.it.db-url") != null;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    ManagementClient management;

    @Test
    void theStoreFilesAreReadableByTheirOwnerOnly() throws IOException {
        for (String store : List.of("smtprc-secrets.cs", "smtprc-passwords.p12")) {
            assertThat(Files.getPosixFilePermissions(CONFIGURATION.resolve(store))).as(store)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(execute(passwordStore("read-aliases")).asList()).extracting(ModelNode::asString)
                .contains("smtprc-https-key-store");
        String configuration = Files.readString(CONFIGURATION.resolve("standalone-full.xml"));
        assertThat(configuration).contains("credential-store name=\"smtprc-passwords\"")
                .containsPattern("<credential-reference clear-text=\"\\$\\{ENC::smtprc:[^\"]+\\}\"/>");
    }

    @Test
    void thePostgresqlPasswordComesFromThePasswordStore() throws IOException {
        assumeTrue(POSTGRESQL, "on PostgreSQL only");
        ModelNode datasource = new ModelNode();
        datasource.get("address").add("subsystem", "datasources").add("data-source", "SmtpRcDS");
        ModelNode read = datasource.clone();
        read.get("operation").set("read-resource");
        ModelNode attributes = execute(read);
        assertThat(attributes.get("password").isDefined()).as("a password in the configuration").isFalse();
        assertThat(attributes.get("credential-reference", "store").asString()).isEqualTo("smtprc-passwords");
        assertThat(attributes.get("credential-reference", "alias").asString()).isEqualTo("smtprc-db-password");
        assertThat(execute(passwordStore("read-aliases")).asList()).extracting(ModelNode::asString)
                .contains("smtprc-db-password");
        ModelNode test = datasource.clone();
        test.get("operation").set("test-connection-in-pool");
        assertThat(execute(test).asList()).extracting(ModelNode::asBoolean).containsExactly(true);

        ModelNode arguments = new ModelNode();
        arguments.get("operation").set("read-attribute");
        arguments.get("address").add("core-service", "platform-mbean").add("type", "runtime");
        arguments.get("name").set("input-arguments");
        assertThat(execute(arguments).asList()).extracting(ModelNode::asString)
                .noneMatch(argument -> argument.toLowerCase().contains("password"));
    }

    @Test
    void thePostgresqlDriverIsCurrent() throws IOException {
        assumeTrue(POSTGRESQL, "on PostgreSQL only");
        Path driver = Path.of(System.getProperty("jboss.home"), "modules/org/postgresql/main/postgresql.jar");
        try (JarFile jar = new JarFile(driver.toFile())) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertThat(version).matches("42\\.7\\.\\d+");
            assertThat(Integer.parseInt(version.substring("42.7.".length()))).as(version).isGreaterThanOrEqualTo(13);
        }
    }

    private static ModelNode passwordStore(String operation) {
        ModelNode node = new ModelNode();
        node.get("operation").set(operation);
        node.get("address").add("subsystem", "elytron").add("credential-store", "smtprc-passwords");
        return node;
    }

    private ModelNode execute(ModelNode operation) throws IOException {
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
        return result.get("result");
    }
}
