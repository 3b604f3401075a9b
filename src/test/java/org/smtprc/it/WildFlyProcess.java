package org.smtprc.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * The provisioned WildFly as a child process with SmtpRC deployed, for the demo, the crash drill and the
 * benchmark: start it, wait until the API answers, stop it gracefully or kill it like a crash would.
 */
public final class WildFlyProcess implements AutoCloseable {

    /** The server JVM's options unless the environment sets {@code JAVA_OPTS}. */
    public static final String JAVA_OPTS = "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=false";

    private final Path home;
    private final Path baseDir;
    private final int portOffset;
    private final List<String> systemProperties;
    private final Path log;
    private Map<String, String> environment = Map.of();
    private String serverConfig = "standalone-full.xml";
    private URI base;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param baseDir the server's own base directory (configuration, data, deployments), made from the
     *                provisioned server's standalone/ on first use, so several servers never share a database
     */
    public WildFlyProcess(Path home, Path baseDir, int portOffset, Map<String, String> properties) {
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.systemProperties = new ArrayList<>();
        properties.forEach((k, v) -> systemProperties.add("-D" + k + "=" + v));
        this.log = baseDir.resolve("log/console.log");
        this.base = URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/smtprc/");
    }

    /** The API over HTTPS (the https-only configuration), trusting the certificates {@code tls} trusts. */
    public WildFlyProcess overHttps(SSLContext tls) {
        base = URI.create("https://127.0.0.1:" + (8443 + portOffset) + "/smtprc/");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build();
        return this;
    }

    /** Boots this configuration file of the server instead of standalone-full.xml (a cluster node: standalone-full-ha.xml). */
    public WildFlyProcess withServerConfig(String file) {
        serverConfig = file;
        return this;
    }

    /** Environment variables for the server's process, besides the ones it inherits. */
    public WildFlyProcess withEnvironment(Map<String, String> variables) {
        environment = Map.copyOf(variables);
        return this;
    }

    public static Path defaultHome() {
        return Path.of(System.getProperty("jboss.home", "target/wildfly-39.0.1.Final"));
    }

    public static Path defaultWar() {
        return Path.of(System.getProperty("smtprc.war", "target/smtprc.war"));
    }

    public URI baseUri() {
        return base;
    }

    /** The server's own configuration directory, made from the provisioned server's on first use. */
    public Path configuration() throws IOException {
        Path configuration = baseDir.resolve("configuration");
        if (!Files.isDirectory(configuration)) {
            copyTree(home.resolve("standalone/configuration"), configuration);
        }
        return configuration;
    }

    /** Deploys the WAR by dropping it into the deployment scanner's folder and boots the server. */
    public WildFlyProcess start(Path war, Duration limit) throws IOException, InterruptedException {
        configuration();
        Path deployments = baseDir.resolve("deployments");
        Files.createDirectories(deployments);
        for (String marker : List.of(".failed", ".undeployed", ".deployed", ".isdeploying", ".pending")) {
            Files.deleteIfExists(deployments.resolve("smtprc.war" + marker));
        }
        Files.copy(war, deployments.resolve("smtprc.war"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", serverConfig, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(systemProperties);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("smtprc.java.home", System.getProperty("java.home")));
        builder.environment().putIfAbsent("JAVA_OPTS", JAVA_OPTS);
        builder.environment().putAll(environment);
        process = builder.start();
        try {
            awaitApi(limit);
        } catch (IOException | InterruptedException | RuntimeException failed) {
            kill();
            throw failed;
        }
        return this;
    }

    private void awaitApi(Duration limit) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(limit);
        Path failed = baseDir.resolve("deployments/smtprc.war.failed");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + process.exitValue() + ": see " + log);
            }
            if (Files.exists(failed)) {
                throw new IllegalStateException("deployment failed: " + Files.readString(failed) + " (see " + log + ")");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri().resolve("api/scans?limit=1"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still booting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("SmtpRC did not answer within " + limit + " at " + baseUri() + ": see " + log);
    }

    /** Removes a base directory made by an earlier run, so a drill starts from an empty database. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The server JVM (standalone.sh runs it as a child). */
    private ProcessHandle serverJvm() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly JVM under " + process.pid()));
    }

    public long serverPid() {
        return serverJvm().pid();
    }

    /** Like a power cut: SIGKILL to the JVM, no shutdown hooks, no graceful anything. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(all, Duration.ofSeconds(30));
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** After a shutdown asked for over the management interface: returns once the server's processes are gone. */
    public void awaitShutdown(Duration limit) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        if (!awaitExit(all, limit)) {
            throw new IllegalStateException("WildFly did not exit within " + limit + " of its shutdown: see " + log);
        }
    }

    /** A graceful shutdown (SIGTERM: WildFly suspends, then stops); returns once the JVM is gone. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, Duration.ofSeconds(60))) {
            kill();
        }
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
