package org.smtprc.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every WildFly CLI command of README.md is run by a test. The commands are read from the README itself: a line with
 * {@code jboss-cli.sh}, or a management operation ({@code /subsystem=...:op(...)}) anywhere in the text. {@link #TABLE}
 * says how each is run; a README command without a row fails {@link #everyReadmeCommandHasARow()} with its line.
 * <ul>
 * <li>{@code OFFLINE}: configuration changes, run as one script on an embedded (not booted) copy of the provisioned
 * server's configuration; values only stored (example.net names) are kept, placeholders ({@code …}) filled;</li>
 * <li>{@code RUNNING}: operations that need a running server, run on this test server with the README's text,
 * example values swapped for the lab's (see {@link #LAB_VALUES});</li>
 * <li>{@code BUILD}: scripts the build applies to every configured server (it fails if they fail);</li>
 * <li>{@code NOT_A_COMMAND}: the README naming the CLI in prose;</li>
 * <li>{@code OWN_SERVER}: run by another system test on a server of its own, with the README's text as a string
 * literal in its source (checked by {@link #everyReadmeCommandHasARow()}).</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadmeCliCommandsIT {

    enum How { OFFLINE, RUNNING, BUILD, NOT_A_COMMAND, OWN_SERVER }

    /** A row: commands whose text matches {@code pattern} are run this way. */
    record Row(String pattern, How how) {
        boolean covers(String command) {
            return Pattern.compile(pattern).matcher(command).find();
        }
    }

    static final List<Row> TABLE = List.of(
            new Row("expression=encryption:create-expression", How.RUNNING),
            new Row("^/system-property=smtprc\\.[a-z.-]+:add\\(", How.OFFLINE),
            new Row("secret-key-credential-store=smtprc-secrets:(remove-alias|generate-secret-key)", How.OFFLINE),
            new Row("^/deployment=smtprc\\.war:redeploy$", How.RUNNING),
            new Row("^bin/jboss-cli\\.sh -c$", How.NOT_A_COMMAND),  // opens the interactive CLI for the next lines
            new Row("credential-store=smtprc-passwords:add-alias", How.OFFLINE),
            new Row("^--file=wildfly-config/https-only\\.cli$", How.OFFLINE),
            new Row("key-store=smtprc-https:read-alias\\(alias=server\\)", How.OFFLINE),
            new Row("outbound-socket-binding=smtprc-smarthost:write-attribute", How.OFFLINE),
            new Row("mail-session=smtprc:write-attribute", How.OFFLINE),
            new Row("http-listener=default:write-attribute\\(name=proxy-address-forwarding", How.OFFLINE),
            new Row("timer-service/database-data-store=smtprc-timers:add", How.OFFLINE),
            new Row("^/subsystem=micrometer/registry=otlp:add", How.OFFLINE),
            new Row("^:reload$", How.RUNNING),
            // CrashRestartIT: a scan running when the server shuts down is STOPPED, and restarts from its checkpoints
            new Row("^:shutdown$", How.OWN_SERVER),
            new Row("socket-binding=smtprc-receiver:write-attribute\\(name=port", How.OFFLINE),
            new Row("batch-jberet:(start-job|stop-job|restart-job)\\(", How.RUNNING),
            new Row("batch-jberet/job=relay-scan/execution=[0-9N]+:read-resource", How.RUNNING),
            new Row("^--file=wildfly-config/(postgresql-datasource|secrets)\\.cli$", How.BUILD),
            new Row("^--file=…$", How.NOT_A_COMMAND));

    /** Example values of the README replaced by the lab's when a command runs on the test server. */
    static final Map<String, String> LAB_VALUES = Map.of(
            "targets=\"192.0.2.0/24\"", "targets=\"127.0.82.64/28\"",
            "ports=\"25\"", "ports=\"" + SmtpRcDeployment.LAB_PORT + "\", partitions=\"1\", chunkSize=\"2\","
                    + " connectTimeoutMs=\"1000\", confirmationWindowMs=\"0\", greylistRetryMs=\"0\"");

    private static final Pattern OPERATION = Pattern.compile(
            "(?:/[a-z][a-z0-9-]*=[^/\\s:'\"`]+)+:[a-z][a-z-]*(?:\\([^'`]*?\\)(?=['`\\s]|$))?");
    private static final Pattern CLI_LINE =
            Pattern.compile("(bin/jboss-cli\\.sh(?: -c)?)(?: --file=([^\\s`)']+)| -c '?(:[a-z-]+)'?|\\s*$)");
    private static final Path README = Path.of("README.md");

    record Command(int line, String text) {
        @Override
        public String toString() {
            return "README.md:" + line + ": " + text;
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    /** The README's CLI commands, in order. */
    static List<Command> readmeCommands() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher operation = OPERATION.matcher(line);
            boolean found = false;
            while (operation.find()) {
                commands.add(new Command(i + 1, operation.group()));
                found = true;
            }
            Matcher cli = CLI_LINE.matcher(line);
            while (cli.find()) {
                if (cli.group(2) != null) {
                    commands.add(new Command(i + 1, "--file=" + cli.group(2)));
                } else if (cli.group(3) != null) {
                    commands.add(new Command(i + 1, cli.group(3)));
                } else if (!found) {
                    commands.add(new Command(i + 1, cli.group(1)));
                }
            }
        }
        return commands;
    }

    static Optional<Row> rowOf(Command command) {
        return TABLE.stream().filter(row -> row.covers(command.text())).findFirst();
    }

    private static List<Command> run(How how) throws IOException {
        return readmeCommands().stream().filter(c -> rowOf(c).map(Row::how).orElse(null) == how).toList();
    }

    @Test
    void everyReadmeCommandHasARow() throws IOException {
        List<Command> commands = readmeCommands();
        assertThat(commands).as("CLI commands found in README.md").hasSizeGreaterThan(20);
        assertThat(commands.stream().filter(c -> rowOf(c).isEmpty()).map(Command::toString))
                .as("README CLI commands that no test runs: add a row to ReadmeCliCommandsIT.TABLE")
                .isEmpty();
        String otherTests = otherSystemTests();
        for (Command command : run(How.OWN_SERVER)) {
            assertThat(otherTests).as(command + ": a system test that runs it").contains("\"" + command.text() + "\"");
        }
    }

    /** The sources of the system tests but this one. */
    private static String otherSystemTests() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (var files = Files.list(Path.of("src/test/java/org/smtprc/it"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("IT.java")).sorted().toList()) {
                if (!file.getFileName().toString().equals(ReadmeCliCommandsIT.class.getSimpleName() + ".java")) {
                    sources.append(Files.readString(file));
                }
            }
        }
        return sources.toString();
    }

    @Test
    void buildScriptsAreAppliedByTheBuild() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        for (Command command : run(How.BUILD)) {
            String script = command.text().substring("--file=".length());
            assertThat(pom).as(command.toString()).contains(script);
        }
    }

    /** Configuration commands, on an embedded copy of the provisioned server's configuration: no boot. */
    @Test
    void configurationCommandsRunOnACopyOfTheServer() throws Exception {
        Path baseDir = Path.of("target/readme-cli");
        WildFlyProcess.deleteTree(baseDir);
        new WildFlyProcess(WildFlyProcess.defaultHome(), baseDir, 0, Map.of()).configuration();
        JbossCli offline = JbossCli.offline(WildFlyProcess.defaultHome(), baseDir);
        String expression = JbossCli.connectedTo(management.getMgmtPort())
                .run("/subsystem=elytron/expression=encryption:create-expression(resolver=smtprc, clear-text=\"readme\")")
                .result().getJsonObject("result").getString("expression");

        // In three parts: the scripts the README runs by file (https-only.cli removes the http listener that
        // another command configures) after the other commands, and what needs their resources after them.
        Set<String> commands = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        Set<String> afterFiles = new LinkedHashSet<>();
        for (Command command : run(How.OFFLINE)) {
            String text = command.text();
            if (text.startsWith("--file=")) {
                files.add(Path.of(text.substring("--file=".length())));
            } else if (text.contains("key-store=smtprc-https")) {
                afterFiles.add(text);
            } else {
                commands.add(text.replace("${ENC::smtprc:RUxZAUMQ…}", expression)
                        .replace("${ENC::smtprc:…}", expression).replace("\"…\"", "\"readme-password\"")
                        .replace("endpoint=...", "endpoint=\"http://127.0.0.1:4318/v1/metrics\""));
            }
        }
        JbossCli.Answer answer = runEmbedded(offline, baseDir.resolve("readme-commands.cli"), commands);
        assertThat(answer.output()).doesNotContain("\"failed\"");
        // before https-only.cli, which removes the http listener (and with it its proxy-address-forwarding)
        assertThat(Files.readString(baseDir.resolve("configuration/standalone-full.xml")))
                .contains("proxy-address-forwarding=\"true\"");
        for (Path file : files) {
            JbossCli.Answer applied = offline.runFile(file);
            assertThat(applied.succeeded()).as(file + " -> " + applied).isTrue();
        }
        JbossCli.Answer after = runEmbedded(offline, baseDir.resolve("readme-commands-after.cli"), afterFiles);
        assertThat(after.output()).doesNotContain("\"failed\"").contains("sha-256-digest");

        String configuration = Files.readString(baseDir.resolve("configuration/standalone-full.xml"));
        assertThat(configuration).contains("imaps://relaytest@mail.example.net/INBOX", "/etc/smtprc/receiver.p12",
                "smtp.example.net", "relay-abuse@example.net", "smtprc.scope", "192.0.2.0/24,198.51.100.0/24",
                expression, "smtprc-https", "smtprc-timers", "127.0.0.1:4318", "500000");
        assertThat(configuration).doesNotContain("readme-password");
    }

    /** Runs the commands on the embedded server in one script. */
    private static JbossCli.Answer runEmbedded(JbossCli offline, Path file, Set<String> commands) throws Exception {
        List<String> script = new ArrayList<>();
        script.add("embed-server --server-config=standalone-full.xml --std-out=discard");
        script.addAll(commands);
        script.add("stop-embedded-server");
        Files.write(file, script);
        JbossCli.Answer answer = offline.runFile(file);
        assertThat(answer.succeeded()).as("%s -> %s", script, answer).isTrue();
        return answer;
    }

    /** Operations on the running test server, with the README's own text. */
    @Test
    void serverCommandsRunOnTheTestServer() throws Exception {
        ScanApi api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        JbossCli cli = JbossCli.connectedTo(management.getMgmtPort());
        try (Lab lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                // slow enough (about 5 s a chunk) that the CLI's stop, a JVM of its own, lands part-way
                .replyDelay(Duration.ofMillis(1000))
                .hosts("127.0.82.56/29", Personality.CLOSED)
                .hosts("127.0.82.64/28", Personality.CLOSED)
                .start()) {
            Long cliExecution = null;
            Long cliScan = null;
            boolean restartedApiScan = false;
            for (Command command : run(How.RUNNING)) {
                String text = command.text();
                for (var swap : LAB_VALUES.entrySet()) {
                    text = text.replace(swap.getKey(), swap.getValue());
                }
                if (text.contains("execution-id=N")) {
                    restartApiScanAsTheReadmeSays(api, cli, command, text);
                    restartedApiScan = true;
                    continue;
                }
                if (text.contains("42")) {
                    assertThat(cliExecution).as("a job started from the CLI before " + command).isNotNull();
                    if (text.contains("stop-job")) {
                        api.awaitFirstChunk(cliScan);
                    }
                    text = text.replace("execution-id=42", "execution-id=" + cliExecution)
                            .replace("execution=42", "execution=" + cliExecution);
                }
                JbossCli.Answer answer = cli.run(text);
                assertThat(answer.succeeded()).as(command + " ran as " + text + " -> " + answer).isTrue();
                JsonObject result = answer.result();
                if (text.contains("create-expression")) {
                    assertThat(result.getJsonObject("result").getString("expression")).startsWith("${ENC::smtprc:");
                } else if (text.contains("start-job")) {
                    cliExecution = result.getJsonNumber("result").longValue();
                    cliScan = api.scanOfExecution(cliExecution);
                } else if (text.contains("restart-job")) {
                    JsonObject done = api.awaitCompleted(cliScan, new LinkedHashSet<>());
                    assertThat(done.getString("status")).as(command.toString()).isEqualTo("COMPLETED");
                    assertThat(done.getJsonObject("progress").getJsonNumber("done").longValue()).isEqualTo(16);
                    assertThat(done.getJsonNumber("executionId").longValue())
                            .isEqualTo(result.getJsonNumber("result").longValue());
                } else if (text.contains("stop-job")) {
                    assertThat(api.awaitEnd(cliScan, Duration.ofMinutes(2), false).getString("status"))
                            .as(command.toString()).isEqualTo("STOPPED");
                } else if (text.contains(":read-resource")) {
                    assertThat(result.getJsonObject("result").getString("batch-status")).isNotBlank();
                } else {
                    awaitApi(api, command);
                }
            }
            assertThat(cliScan).as("a scan started by the README's start-job").isNotNull();
            assertThat(restartedApiScan).as("the README's restart-job of an API scan ran").isTrue();
        }
    }

    /** The "Restart" bullet: a scan started through the API, stopped part-way, restarted with the CLI (N). */
    private static void restartApiScanAsTheReadmeSays(ScanApi api, JbossCli cli, Command command, String text)
            throws Exception {
        long id = api.startScan("""
                {"targets": "127.0.82.56/29", "ports": "%s", "profile": "quick",
                 "options": {"partitions": 1, "chunkSize": 2, "connectTimeoutMs": 1000, "confirmationWindowMs": 0,
                             "greylistRetryMs": 0}}""".formatted(SmtpRcDeployment.LAB_PORT));
        api.awaitFirstChunk(id);
        assertThat(api.post("api/scans/" + id + "/stop", "").status()).isEqualTo(200);
        JsonObject stopped = api.awaitEnd(id, Duration.ofMinutes(2), false);
        assertThat(stopped.getString("status")).isEqualTo("STOPPED");
        String restart = text.replace("execution-id=N", "execution-id=" + stopped.getJsonNumber("executionId"));
        JbossCli.Answer answer = cli.run(restart);
        assertThat(answer.succeeded()).as(command + " ran as " + restart + " -> " + answer).isTrue();
        JsonObject done = api.awaitCompleted(id, new LinkedHashSet<>());
        assertThat(done.getString("status")).as(command.toString()).isEqualTo("COMPLETED");
        assertThat(done.getJsonObject("progress").getJsonNumber("done").longValue()).isEqualTo(8);
    }

    /** After a redeploy or a reload the API answers again. */
    private static void awaitApi(ScanApi api, Command command) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (api.get("api/scans?limit=1").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the server is still coming back
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the API did not answer again after " + command);
    }
}
