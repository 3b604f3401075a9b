package org.smtprc.mta;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One Postfix instance: {@code postfix -c DIR/etc start} with its own main.cf/master.cf, queue and data directory;
 * stopped by the master's own pid (DIR/queue/pid/master.pid) and that master's children.
 */
final class PostfixInstance extends MtaInstance {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final PostfixConfig.Paths paths;
    private final PostfixConfig config;
    private Postgrey postgrey;
    private final boolean hub;
    private PostfixInstance internalHub;

    PostfixInstance(String name, MtaPersonality personality, String address, InetSocketAddress receiver, Path dir) {
        this(name, personality, address, receiver, dir, false);
    }

    private PostfixInstance(String name, MtaPersonality personality, String address, InetSocketAddress receiver,
            Path dir, boolean hub) {
        super(name, personality, new InetSocketAddress(address, hub ? PostfixConfig.HUB_PORT : 25),
                hostname(name, personality, hub), dir, "Postfix");
        this.hub = hub;
        this.paths = new PostfixConfig.Paths(dir.resolve("etc"), dir.resolve("queue"), dir.resolve("data"),
                dir.resolve("log"), dir);
        this.config = new PostfixConfig(personality, address, domain, hostname, receiver, paths, hub);
    }

    /**
     * The loophole gateway announces its relay domain as its own name (see PostfixConfig), so the battery's {name}
     * forms address the domain it relays for.
     */
    private static String hostname(String name, MtaPersonality personality, boolean hub) {
        String domain = domainOf(name);
        return hub ? "hub." + domain : personality == MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY ? domain : "mx." + domain;
    }

    /** Writes the configuration and starts the master; does not wait for the banner. */
    void start() throws IOException, InterruptedException {
        if (personality == MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY && !hub) {
            internalHub = new PostfixInstance(name, personality, address.getHostString(), config.receiver(),
                    dir.resolve("hub"), true);
            internalHub.start();
        }
        for (Path p : new Path[] {paths.etc(), paths.queue(), paths.data(), paths.log()}) {
            Files.createDirectories(p);
        }
        Commands.check(COMMAND_TIMEOUT, "chown", "postfix", paths.data().toString());
        SelfSignedCert cert = null;
        if (personality == MtaPersonality.POSTFIX_AUTH_TLS) {
            cert = SelfSignedCert.generate(paths.etc(), hostname);
            Commands.check(COMMAND_TIMEOUT, "chmod", "600", cert.key().toString());
        }
        Path greylistSocket = null;
        if (personality == MtaPersonality.POSTFIX_GREYLIST) {
            postgrey = Postgrey.start(Files.createDirectories(dir.resolve("postgrey")), hostname);
            greylistSocket = postgrey.socket();
        }
        for (Map.Entry<String, String> file : config.extraFiles().entrySet()) {
            Path target = paths.etc().resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Files.writeString(paths.etc().resolve("main.cf"), config.mainCf(greylistSocket, cert));
        Files.writeString(paths.etc().resolve("master.cf"), config.masterCf());
        if (personality == MtaPersonality.POSTFIX_AUTH_TLS) {
            createSaslUser();
        }
        software = "Postfix " + Commands.check(COMMAND_TIMEOUT, "postconf", "-c", paths.etc().toString(), "-h",
                "mail_version").strip();
        Commands.Result started = Commands.run(COMMAND_TIMEOUT, "postfix", "-c", paths.etc().toString(), "start");
        if (!started.ok()) {
            throw new IllegalStateException("Postfix instance " + name + " did not start (see " + logFile() + "):\n"
                    + started.output());
        }
    }

    /** Waits for the banner of this instance (and of the loophole gateway's internal hub). */
    void awaitBanner(Duration timeout) throws InterruptedException {
        if (internalHub != null) {
            internalHub.awaitBanner(timeout);
        }
        Banner.await(address, timeout, (hub ? "internal hub of " : "") + software + " instance '" + name + "' ("
                + personality + "; log " + logFile() + ")");
    }

    private void createSaslUser() throws IOException {
        Path db = paths.etc().resolve("sasldb2");
        try {
            Process p = new ProcessBuilder("saslpasswd2", "-p", "-c", "-f", db.toString(), "-u", hostname,
                    PostfixConfig.AUTH_USER).redirectErrorStream(true).start();
            p.getOutputStream().write(PostfixConfig.AUTH_PASSWORD.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("saslpasswd2 failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Commands.check(COMMAND_TIMEOUT, "chown", "postfix", db.toString());
        Commands.check(COMMAND_TIMEOUT, "chmod", "600", db.toString());
    }

    Optional<ProcessHandle> master() {
        Path pidFile = paths.queue().resolve("pid/master.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.endsWith("/master")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void stop() throws InterruptedException {
        Optional<ProcessHandle> master = master();
        if (master.isPresent()) {
            var children = master.get().descendants().toList();
            // "postfix stop" signals exactly the pid in this instance's master.pid; then make sure it and its
            // children are gone.
            Commands.run(COMMAND_TIMEOUT, "postfix", "-c", paths.etc().toString(), "stop");
            Processes.awaitExit(master.get(), Duration.ofSeconds(10));
            if (master.get().isAlive()) {
                Processes.stop(master.get(), Duration.ofSeconds(2));
            }
            for (ProcessHandle child : children) {
                Processes.awaitExit(child, Duration.ofSeconds(2));
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }
        if (internalHub != null) {
            internalHub.stop();
            internalHub = null;
        }
        if (postgrey != null) {
            postgrey.close();
            postgrey = null;
        }
    }

    /** This instance's processes right now: master and children, the hub's, postgrey's. */
    java.util.stream.Stream<ProcessHandle> processes() {
        java.util.stream.Stream<ProcessHandle> own = master().stream()
                .flatMap(m -> java.util.stream.Stream.concat(java.util.stream.Stream.of(m), m.descendants()));
        if (internalHub != null) {
            own = java.util.stream.Stream.concat(own, internalHub.processes());
        }
        if (postgrey != null) {
            own = java.util.stream.Stream.concat(own, postgrey.processes());
        }
        return own;
    }

    /** The log of this instance's postgrey, else null. */
    Path greylistLog() {
        return postgrey == null ? null : postgrey.log();
    }

    /** The loophole gateway's internal hub (a second Postfix on the gateway's address, port 2525), else null. */
    PostfixInstance internalHub() {
        return internalHub;
    }

    @Override
    public void flushQueue() {
        if (internalHub != null) {
            internalHub.flushQueue();
        }
        Commands.run(COMMAND_TIMEOUT, "postqueue", "-c", paths.etc().toString(), "-f");
    }

    /** postqueue -p of this instance. */
    String queueListing() {
        return Commands.run(COMMAND_TIMEOUT, "postqueue", "-c", paths.etc().toString(), "-p").output();
    }







    @Override
    public Path logFile() {
        return paths.log().resolve("maillog");
    }


    @Override
    public String toString() {
        return name + " (" + personality + ", " + software + ") on " + address.getHostString() + ":25";
    }
}
