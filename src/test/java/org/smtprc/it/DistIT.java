package org.smtprc.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributable archive installs as the README's "Install on a server" says: unpacked into a fresh directory,
 * given its own secrets (secrets.cli, password-store.sh) and a user, it starts with the application deployed, is
 * ready on the management port, and the terminal client from the archive lists its scans. Then it is stopped and
 * the directory removed. In the {@code postgresql} execution it also runs the section's PostgreSQL block as the
 * README has it (the driver module, postgresql-datasource.cli, the password into the store) against the build's
 * PostgreSQL, on a database of its own, and starts with the database settings of the archive's service unit; the
 * block's three database lines (apt-get, createuser, createdb) need the postgres superuser and are postgres.sh's.
 */
class DistIT {

    /** Beside the Arquillian server of the same run (its offset + 50), so the two never share a port. */
    private static final boolean POSTGRESQL = System.getProperty("smtprc.it.db-url") != null;
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 50;
    private static final int RECEIVER_PORT = Integer.getInteger("smtprc.it.receiver-port", 10125) + 50;
    private static final Duration STEP = Duration.ofMinutes(3);
    /** The PostgreSQL run's own database and the test role's password (src/test/scripts/postgres.sh). */
    private static final String DATABASE = "smtprc_dist";
    private static final String DB_PASSWORD = "smtprc";
    private static final Path README = Path.of("README.md");
    /** The README block's lines that postgres.sh does instead (they need the postgres superuser). */
    private static final Pattern DATABASE_LINES = Pattern.compile("^(apt-get install postgresql|sudo -u postgres create(user|db) )");

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

        Map<String, String> properties = new HashMap<>(Map.of("smtprc.receiver.port", Integer.toString(RECEIVER_PORT)));
        if (POSTGRESQL) {
            runTheReadmesPostgresqlSteps(root);
            properties.putAll(databaseSettingsOfTheUnit(root.resolve("smtprc.service")));
        }
        server = new WildFlyProcess(wildfly, wildfly.resolve("standalone"), PORT_OFFSET, properties);
        server.start(wildfly.resolve("standalone/deployments/smtprc.war"), STEP);
        awaitReady(URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready"));
        if (POSTGRESQL) {
            assertThat(Files.readString(wildfly.resolve("standalone/log/server.log"))).as("Flyway's run at deployment")
                    .containsPattern("database schema at version \\d+ after [1-9]\\d* migration\\(s\\) \\(postgresql\\)");
        }

        ClientIT.Run scans = ClientIT.run(root.resolve("client/smtprc"), server.baseUri().toString(), Map.of(),
                Duration.ofSeconds(60), "scans");
        assertThat(scans.status()).as(scans.err()).isZero();
        assertThat(scans.out()).startsWith("ID  STATUS  PROGRESS  CREATED  TARGETS");
        System.out.printf("archive %s (%d MB) unpacked, installed and answering at %s%n", archive.getFileName(),
                Files.size(archive) >> 20, server.baseUri());
    }

    /**
     * The README's PostgreSQL block, run by bash as it stands but for the database lines: the service user's
     * {@code as_smtprc} and {@code install -o/-g} act as the test's own user, the password comes on standard input,
     * and the driver named in the block is the build's (the block's version must be the pom's).
     */
    private static void runTheReadmesPostgresqlSteps(Path root) throws IOException, InterruptedException {
        List<String> block = postgresqlBlock();
        List<String> skipped = block.stream().filter(line -> DATABASE_LINES.matcher(line).find()).toList();
        assertThat(skipped).as("the README's database lines, which postgres.sh does instead").hasSize(3);

        Matcher driver = Pattern.compile("(postgresql-([0-9.]+)\\.jar)").matcher(String.join("\n", block));
        assertThat(driver.find()).as("the driver the README's block installs").isTrue();
        assertThat(Files.readString(Path.of("pom.xml"))).as("the README's driver is the version the build tests with")
                .contains("<version.postgresql>" + driver.group(2) + "</version.postgresql>");
        Files.copy(Path.of(System.getProperty("jboss.home"), "modules/org/postgresql/main/postgresql.jar"),
                root.resolve(driver.group(1)));

        List<String> script = new ArrayList<>(List.of("set -euo pipefail",
                "as_smtprc() { \"$@\"; }",
                "install() { local a=(); while [ $# -gt 0 ]; do case \"$1\" in -o|-g) shift 2;; *) a+=(\"$1\"); shift;; esac;"
                        + " done; command install \"${a[@]}\"; }"));
        // only the password prompt reads standard input
        block.stream().filter(line -> !DATABASE_LINES.matcher(line).find())
                .map(line -> line.startsWith("read ") ? line : line + " </dev/null").forEach(script::add);
        Path file = root.resolve("readme-postgresql.sh");
        Files.write(file, script);
        runWithInput(root, DB_PASSWORD + "\n", "bash", file.toString());
    }

    /** The fenced block after "**PostgreSQL**" in the README's "Install on a server", without comments. */
    private static List<String> postgresqlBlock() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Install on a server");
        int start = readme.indexOf("```sh\n", readme.indexOf("**PostgreSQL**", section)) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        return block.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The unit's -Dsmtprc.db.* settings, pointed at this test's own database. */
    private static Map<String, String> databaseSettingsOfTheUnit(Path unit) throws IOException {
        Map<String, String> settings = new HashMap<>();
        Matcher setting = Pattern.compile("-D(smtprc\\.db\\.[a-z]+)=(\\S+)").matcher(Files.readString(unit));
        while (setting.find()) {
            settings.put(setting.group(1), setting.group(2));
        }
        assertThat(settings).containsOnlyKeys("smtprc.db.url", "smtprc.db.user");
        settings.put("smtprc.db.url", settings.get("smtprc.db.url").replaceFirst("/smtprc$", "/" + DATABASE));
        assertThat(settings.get("smtprc.db.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        return settings;
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
        runWithInput(directory, "", command);
    }

    private static void runWithInput(Path directory, String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        Path log = Files.createTempFile("dist-it", ".log");
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
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
