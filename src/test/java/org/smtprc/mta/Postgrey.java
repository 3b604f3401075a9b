package org.smtprc.mta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One postgrey policy server for a greylisting Postfix instance: its own unix socket and database directory, a
 * short delay, empty whitelists, run in the foreground as this JVM's child and stopped by its own pid.
 */
final class Postgrey implements AutoCloseable {

    /**
     * Seconds a new triplet stays greylisted: more than a scanner's whole first battery takes (about a second without
     * error sleeps, see PostfixConfig), with room for a loaded machine.
     */
    static final int DELAY_SECONDS = 6;

    private final Process process;
    private final Path socket;
    private final Path log;

    private Postgrey(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    static Postgrey start(Path dir, String hostname) throws IOException, InterruptedException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path whitelist = dir.resolve("whitelist-empty");
        Files.writeString(whitelist, "");
        Commands.check(Duration.ofSeconds(10), "chown", "-R", "postgrey:postgrey", db.toString());
        Commands.check(Duration.ofSeconds(10), "chown", "postgrey:postgrey", dir.toString());
        Path socket = dir.resolve("postgrey.sock");
        Path log = dir.resolve("postgrey.log");
        Process process = new ProcessBuilder(List.of("postgrey", "--unix=" + socket, "--socketmode=0666",
                "--dbdir=" + db, "--delay=" + DELAY_SECONDS, "--hostname=" + hostname,
                "--whitelist-clients=" + whitelist, "--whitelist-recipients=" + whitelist,
                "--auto-whitelist-clients=0", "--user=postgrey", "--group=postgrey"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Postgrey postgrey = new Postgrey(process, socket, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                postgrey.close();
                throw new IllegalStateException("postgrey did not open " + socket + "; see " + log + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return postgrey;
    }

    java.util.stream.Stream<ProcessHandle> processes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                process.toHandle().descendants());
    }

    Path socket() {
        return socket;
    }

    /** Postgrey's own log: one line per policy request with its action (greylist, pass) and reason. */
    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process.toHandle(), Duration.ofSeconds(5));
    }
}
