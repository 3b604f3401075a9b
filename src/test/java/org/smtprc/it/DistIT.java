package org.smtprc.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributable archive installs as the README's "Install on a server" says: unpacked into a fresh directory,
 * given its own secrets (secrets.cli, password-store.sh) and a user, it starts with the application deployed, is
 * ready on the management port, and the terminal client from the archive lists its scans. Then it is stopped and
 * the directory removed. H2 only (the PostgreSQL steps are the README's "PostgreSQL" ones).
 */
class DistIT {

    /** Beside the Arquillian server of the same run (its offset + 50), so the two never share a port. */
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 50;
    private static final int RECEIVER_PORT = Integer.getInteger("smtprc.it.receiver-port", 10125) + 50;
    private static final Duration STEP = Duration.ofMinutes(3);

    private Path fresh;
    private WildFlyProcess server;

    @AfterEach
    void removeTheInstallation() throws Exception {
        if (server != null) {
            server.close();
        }
        WildFlyProcess.deleteTree(fresh);
    }

    @Test
    void theArchiveUnpacksStartsAndAnswersTheClient() throws Exception {
        Path archive = archive();
        fresh = Files.createTempDirectory(Path.of("target"), "dist-it-").toAbsolutePath();

        run(fresh, "tar", "-xzf", archive.toAbsolutePath().toString());
        Path root;
        try (var entries = Files.list(fresh)) {
            root = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(root.getFileName().toString()).startsWith("smtprc-");
        Path wildfly = root.resolve("wildfly");
        assertThat(root.resolve("smtprc.service")).content().contains("User=smtprc");
        assertThat(wildfly.resolve("standalone/deployments/smtprc.war")).isRegularFile();
        assertThat(root.resolve("client/smtprc")).isExecutable();
        // no secret travels in the archive: each installation makes its own
        assertThat(wildfly.resolve("standalone/configuration/smtprc-secrets.cs")).doesNotExist();
        assertThat(wildfly.resolve("standalone/configuration/smtprc-passwords.p12")).doesNotExist();

        run(root, wildfly.resolve("bin/jboss-cli.sh").toString(), "--file=wildfly-config/secrets.cli");
        run(root, "wildfly-config/password-store.sh", "wildfly");
        TestUsers.addTo(wildfly, wildfly.resolve("standalone/configuration"));

        server = new WildFlyProcess(wildfly, wildfly.resolve("standalone"), PORT_OFFSET,
                Map.of("smtprc.receiver.port", Integer.toString(RECEIVER_PORT)));
        server.start(wildfly.resolve("standalone/deployments/smtprc.war"), STEP);
        awaitReady(URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready"));

        ClientIT.Run scans = ClientIT.run(root.resolve("client/smtprc"), server.baseUri().toString(), Map.of(),
                Duration.ofSeconds(60), "scans");
        assertThat(scans.status()).as(scans.err()).isZero();
        assertThat(scans.out()).startsWith("ID  STATUS  PROGRESS  CREATED  TARGETS");
        System.out.printf("archive %s (%d MB) unpacked, installed and answering at %s%n", archive.getFileName(),
                Files.size(archive) >> 20, server.baseUri());
    }

    private static Path archive() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("smtprc-.+-dist\\.tar\\.gz"))
                    .toList();
            assertThat(found).as("the build's distributable archive in target/").hasSize(1);
            return found.getFirst();
        }
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        Path log = Files.createTempFile("dist-it", ".log");
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + STEP);
            }
            assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + Files.readString(log)).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void awaitReady(URI ready) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STEP);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    assertThat(response.body()).containsPattern("\"status\" *: *\"UP\"");
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(ready + " did not become ready within " + STEP + ": " + last);
    }
}
