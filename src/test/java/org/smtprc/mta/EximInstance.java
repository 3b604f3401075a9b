package org.smtprc.mta;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One Exim 4 daemon run in the foreground ({@code exim4 -C CONF -bdf -q3s}) as this JVM's child, stopped by its pid.
 *
 * <p>Debian's Exim honours -C from root, but gives up root right after binding ("exim user lost privilege for using
 * -C option", as the config is not in TRUSTED_CONFIG_LIST /etc/exim4/trusted_configs): the daemon, its queue runners
 * and deliveries run as Debian-exim, which owns the spool and log directories. That is all this lab needs (remote
 * delivery only), so no system file is changed. Its re-execs use {@code exim_path} from the config, so the binary
 * may live anywhere (see mta.sh: Debian's exim4-daemon-light conflicts with postfix, so it is unpacked under
 * /opt/smtprc-mta/exim4 rather than installed).
 */
final class EximInstance extends MtaInstance {

    static final String EXIM_USER = "Debian-exim";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final InetSocketAddress receiver;
    private final Path exim;
    private Process daemon;

    EximInstance(String name, MtaPersonality personality, String address, InetSocketAddress receiver, Path dir) {
        super(name, personality, new InetSocketAddress(address, 25), "mx." + domainOf(name), dir, "Exim");
        this.receiver = receiver;
        this.exim = binary();
    }

    /** smtprc.mta.exim, else the copy mta.sh unpacks, else an installed exim4. */
    static Path binary() {
        String configured = System.getProperty("smtprc.mta.exim");
        if (configured != null) {
            return Path.of(configured);
        }
        Path unpacked = Path.of("/opt/smtprc-mta/exim4/usr/sbin/exim4");
        return Files.exists(unpacked) ? unpacked : Path.of("/usr/sbin/exim4");
    }

    Path configFile() {
        return dir.resolve("exim.conf");
    }

    void start() throws IOException {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path log = Files.createDirectories(dir.resolve("log"));
        Commands.check(COMMAND_TIMEOUT, "chown", "-R", EXIM_USER + ":" + EXIM_USER, spool.toString(), log.toString());
        Files.writeString(configFile(), EximConfig.render(personality, exim, address.getHostString(), domain, hostname,
                receiver, spool, log, dir.resolve("exim.pid")));
        Commands.check(COMMAND_TIMEOUT, "chmod", "644", configFile().toString());
        String version = Commands.check(COMMAND_TIMEOUT, exim.toString(), "-C", configFile().toString(), "-bV");
        String first = version.lines().filter(l -> l.startsWith("Exim version")).findFirst().orElse("Exim version ?");
        software = "Exim " + first.split("\\s+")[2];
        daemon = new ProcessBuilder(List.of(exim.toString(), "-C", configFile().toString(), "-bdf", "-q3s"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
    }

    /** The daemon and its children (queue runners, deliveries) right now. */
    java.util.stream.Stream<ProcessHandle> processes() {
        return daemon == null ? java.util.stream.Stream.empty()
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(daemon.toHandle()),
                daemon.toHandle().descendants());
    }

    boolean alive() {
        return daemon != null && daemon.isAlive();
    }

    void stop() throws InterruptedException {
        if (daemon != null) {
            Processes.stop(daemon.toHandle(), Duration.ofSeconds(5));
            daemon = null;
        }
    }

    @Override
    public void flushQueue() {
        Commands.run(COMMAND_TIMEOUT, exim.toString(), "-C", configFile().toString(), "-qff");
    }







    @Override
    public Path logFile() {
        return dir.resolve("log/mainlog");
    }


    @Override
    public String toString() {
        return name + " (" + personality + ", " + software + ") on " + address.getHostString() + ":25";
    }
}
