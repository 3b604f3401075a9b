package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WildFly's own CLI ({@code bin/jboss-cli.sh}) of the provisioned server, run as an operator runs it: one command,
 * connected to a running server's management port or on an embedded (not booted) server, the answer in JSON.
 */
final class JbossCli {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;
    private final List<String> connection;
    private final Path baseDir;

    private JbossCli(Path home, List<String> connection, Path baseDir) {
        this.home = home;
        this.connection = connection;
        this.baseDir = baseDir;
    }

    /** Connected to the running server whose management interface listens on 127.0.0.1:{@code port}. */
    static JbossCli connectedTo(int managementPort) {
        return new JbossCli(WildFlyProcess.defaultHome(),
                List.of("-c", "--controller=remote+http://127.0.0.1:" + managementPort), null);
    }

    /**
     * Offline: {@code embed-server} in its commands works on the server base directory {@code baseDir} (a copy of
     * the provisioned server's configuration) without booting a server.
     */
    static JbossCli offline(Path home, Path baseDir) {
        return new JbossCli(home, List.of(), baseDir);
    }

    /** Runs one command (or several, separated by commas, as {@code --commands} takes them); the answer. */
    Answer run(String command) throws IOException, InterruptedException {
        return execute(List.of("--commands=" + command));
    }

    /** Runs a script file, as {@code --file=} does. */
    Answer runFile(Path script) throws IOException, InterruptedException {
        return execute(List.of("--file=" + script));
    }

    private Answer execute(List<String> what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/jboss-cli.sh").toString());
        command.addAll(connection);
        command.add("--output-json");
        command.addAll(what);
        Path output = Files.createTempFile("jboss-cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        String javaHome = System.getProperty("smtprc.java.home");
        if (javaHome != null && !javaHome.isBlank()) {
            builder.environment().put("JAVA_HOME", javaHome);
        }
        builder.environment().put("JBOSS_HOME", home.toString());
        if (baseDir != null) {
            builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir.toAbsolutePath());
        }
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("jboss-cli " + what + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Answer(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    /** What the CLI printed, and how it exited. */
    record Answer(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The last JSON object the CLI printed (the operation's answer). */
        JsonObject json() {
            int start = output.lastIndexOf("\n{");
            String text = start < 0 ? output.substring(output.indexOf('{')) : output.substring(start + 1);
            try (var reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        }

        /** The operation's result, or an error with what the CLI said. */
        JsonObject result() {
            JsonObject answer = json();
            if (!"success".equals(answer.getString("outcome", ""))) {
                throw new IllegalStateException("the CLI answered: " + output);
            }
            return answer;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }
}
