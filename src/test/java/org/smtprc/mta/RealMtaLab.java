package org.smtprc.mta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A set of real mail servers from the OS packages (Postfix, Exim 4, postgrey; see src/test/scripts/mta/mta.sh
 * install), each on its own loopback address 127.0.4.N port 25 (N = 1.. in the order given), with its own
 * configuration, queue, data and log directories under {@code workBase/lab-*}. Every outbound message of every
 * instance, relayed mail and DSNs alike, goes to {@code receiver} (an SMTP server on loopback the caller runs). No
 * instance ever uses DNS.
 *
 * <pre>{@code
 * try (var lab = new RealMtaLab(receiver, Path.of("target/mta-lab"),
 *         Map.of("open", MtaPersonality.POSTFIX_OPEN, "closed", MtaPersonality.POSTFIX_CLOSED))) {
 *     InetSocketAddress open = lab.instance("open").address();   // 127.0.4.N:25
 *     ...
 * }
 * }</pre>
 *
 * The constructor returns once every instance answers its banner (or throws naming the instance and its log, after
 * stopping what it started). {@link #close()} stops every daemon by its own pid, removes the loopback addresses it
 * added and deletes the lab directory (kept when the system property smtprc.mta.keep=true). Needs root.
 *
 * <p>One lab at a time on this machine: the address block is shared by every checkout and JVM, so the constructor
 * first takes an exclusive lock on {@value #LOCK_FILE} (waiting at most {@link #LOCK_WAIT} for another lab, e.g. a
 * colleague's build, to close) and {@link #close()} releases it. Within one failsafe JVM the test classes run one
 * after the other, each closing its lab before the next starts.
 */
public final class RealMtaLab implements AutoCloseable {

    /** The lab's address block: 127.0.4.1 .. 127.0.4.20. */
    public static final String ADDRESS_PREFIX = "127.0.4.";
    public static final int MAX_INSTANCES = 20;
    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(20);
    /** Held while a lab runs: 127.0.4.0/27 belongs to one lab on this machine at a time. */
    public static final String LOCK_FILE = "/run/lock/smtprc-mta-lab.lock";
    public static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private final InetSocketAddress receiver;
    private final Path directory;
    private final Map<String, MtaInstance> instances = new LinkedHashMap<>();
    private final LoopbackAddresses addresses = new LoopbackAddresses();
    private final Duration startupTime;
    private FileChannel lockChannel;
    private FileLock lock;

    /** One instance of every personality, named by {@link MtaPersonality#defaultName()}. */
    public static RealMtaLab startAll(InetSocketAddress receiver, Path workBase) throws IOException, InterruptedException {
        Map<String, MtaPersonality> all = new LinkedHashMap<>();
        for (MtaPersonality p : MtaPersonality.values()) {
            all.put(p.defaultName(), p);
        }
        return new RealMtaLab(receiver, workBase, all);
    }

    /**
     * Starts the named instances (names: lower-case letters, digits, '-'; iteration order gives the addresses) and
     * waits for their banners.
     */
    public RealMtaLab(InetSocketAddress receiver, Path workBase, Map<String, MtaPersonality> personalities)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        if (!receiver.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the receiver must be on loopback: " + receiver);
        }
        if (personalities.isEmpty() || personalities.size() > MAX_INSTANCES) {
            throw new IllegalArgumentException("1.." + MAX_INSTANCES + " instances, not " + personalities.size());
        }
        this.receiver = receiver;
        Files.createDirectories(workBase);
        lockMachineWide();
        try {
            this.directory = Files.createTempDirectory(workBase.toAbsolutePath(), "lab-");
        } catch (IOException | RuntimeException e) {
            unlock();
            throw e;
        }
        try {
            openUp(directory);
            int n = 1;
            for (Map.Entry<String, MtaPersonality> e : personalities.entrySet()) {
                String name = e.getKey();
                if (!name.matches("[a-z0-9][a-z0-9-]{0,30}")) {
                    throw new IllegalArgumentException("instance name must be [a-z0-9-]: " + name);
                }
                String address = ADDRESS_PREFIX + n++;
                if (Banner.listening(new InetSocketAddress(address, 25))) {
                    throw new IllegalStateException(address + ":25 is already in use (a leftover lab?); not starting "
                            + name);
                }
                Path dir = Files.createDirectory(directory.resolve(name));
                openUp(dir);
                MtaInstance instance = e.getValue().isExim()
                        ? new EximInstance(name, e.getValue(), address, receiver, dir)
                        : new PostfixInstance(name, e.getValue(), address, receiver, dir);
                if (!e.getValue().isExim()) {
                    addresses.ensure(address);
                }
                instances.put(name, instance);
            }
            inParallel(instances.values(), instance -> {
                if (instance instanceof PostfixInstance postfix) {
                    postfix.start();
                    postfix.awaitBanner(BANNER_TIMEOUT);
                } else {
                    ((EximInstance) instance).start();
                    Banner.await(instance.address(), BANNER_TIMEOUT, instance.software() + " instance '"
                            + instance.name() + "' (" + instance.personality() + "; log " + instance.logFile() + ")");
                }
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** Takes the machine-wide lab lock, waiting (bounded) for another lab to close. */
    private void lockMachineWide() throws IOException, InterruptedException {
        Path file = Path.of(LOCK_FILE);
        Files.createDirectories(file.getParent());
        lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean waited = false;
        try {
            while ((lock = lockChannel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("another RealMtaLab held " + LOCK_FILE + " for longer than "
                            + LOCK_WAIT + "; not starting");
                }
                if (!waited) {
                    System.out.println("RealMtaLab: waiting for another lab on this machine to close (" + LOCK_FILE
                            + ")");
                    waited = true;
                }
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            unlock();
            throw e;
        }
    }

    private void unlock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /**
     * Installs the packages the lab needs with src/test/scripts/mta/mta.sh when any is missing (needs root; run
     * from the project directory); returns at once when all are there.
     */
    public static void installIfMissing() {
        if (Commands.run(Duration.ofSeconds(5), "sh", "-c",
                "command -v postfix && command -v postgrey && command -v saslpasswd2").ok()
                && Files.isExecutable(EximInstance.binary())) {
            return;
        }
        Path script = Path.of("src/test/scripts/mta/mta.sh");
        Commands.Result result = Commands.run(Duration.ofMinutes(5), "bash", script.toString(), "install");
        System.out.println(result.output());
        if (!result.ok()) {
            throw new IllegalStateException("mta.sh install failed:\n" + result.output());
        }
    }

    private interface InstanceAction {
        void run(MtaInstance instance) throws Exception;
    }

    private static void inParallel(Collection<MtaInstance> instances, InstanceAction action)
            throws IOException, InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (MtaInstance instance : instances) {
                futures.add(pool.submit(() -> {
                    action.run(instance);
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception c ? c : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                }
            }
            if (first instanceof IOException io) {
                throw io;
            } else if (first instanceof RuntimeException re) {
                throw re;
            } else if (first instanceof InterruptedException ie) {
                throw ie;
            } else if (first != null) {
                throw new IllegalStateException(first);
            }
        }
    }

    /** Postfix daemons (user postfix), Exim (Debian-exim) and postgrey must traverse the lab's directories. */
    private static void openUp(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public MtaInstance instance(String name) {
        MtaInstance instance = instances.get(name);
        if (instance == null) {
            throw new NoSuchElementException("no instance " + name + " in " + instances.keySet());
        }
        return instance;
    }

    /** The first instance with this personality. */
    public MtaInstance instance(MtaPersonality personality) {
        return instances.values().stream().filter(i -> i.personality() == personality).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + personality + " instance"));
    }

    public Collection<MtaInstance> instances() {
        return List.copyOf(instances.values());
    }

    public InetSocketAddress receiver() {
        return receiver;
    }

    public Path directory() {
        return directory;
    }

    /** How long the constructor took, from nothing to every banner answered. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Every process the lab runs right now (Postfix masters with their children, the gateway's hub, postgrey, Exim
     * daemons with theirs): a test can check after {@link #close()} that none is left.
     */
    public List<ProcessHandle> processes() {
        return instances.values().stream().flatMap(i -> i instanceof PostfixInstance p ? p.processes()
                : ((EximInstance) i).processes()).distinct().toList();
    }

    /** Every address:port the lab listens on (each instance's port 25, and the gateway hub's). */
    public List<InetSocketAddress> listeners() {
        List<InetSocketAddress> all = new ArrayList<>();
        for (MtaInstance i : instances.values()) {
            all.add(i.address());
            if (i instanceof PostfixInstance p && p.internalHub() != null) {
                all.add(p.internalHub().address());
            }
        }
        return all;
    }

    /**
     * The postgrey log of the {@link MtaPersonality#POSTFIX_GREYLIST} instance: a line per RCPT it was asked about,
     * e.g. "action=greylist, reason=new, ... sender=S, recipient=R" and later "action=pass, reason=triplet found".
     */
    public Path greylistLog() {
        MtaInstance instance = instance(MtaPersonality.POSTFIX_GREYLIST);
        return ((PostfixInstance) instance).greylistLog();
    }

    /** Tries every instance's queued mail again now. */
    public void flushQueues() {
        instances.values().forEach(MtaInstance::flushQueue);
    }

    /** SASL user name and password that {@link MtaPersonality#POSTFIX_AUTH_TLS} accepts (after STARTTLS). */
    public static String authUser() {
        return PostfixConfig.AUTH_USER;
    }

    public static String authPassword() {
        return PostfixConfig.AUTH_PASSWORD;
    }

    /** postscreen_greet_wait of {@link MtaPersonality#POSTFIX_SLOW_BANNER}. */
    public static Duration slowBannerDelay() {
        return Duration.ofSeconds(PostfixConfig.GREET_WAIT_SECONDS);
    }

    /** How long {@link MtaPersonality#POSTFIX_GREYLIST} greylists a new (client, sender, recipient). */
    public static Duration greylistDelay() {
        return Duration.ofSeconds(Postgrey.DELAY_SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        RuntimeException failure = null;
        for (MtaInstance instance : instances.values()) {
            try {
                if (instance instanceof PostfixInstance postfix) {
                    postfix.stop();
                } else if (instance instanceof EximInstance exim) {
                    exim.stop();
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        instances.clear();
        addresses.close();
        try {
            if (!Boolean.getBoolean("smtprc.mta.keep")) {
                deleteTree(directory);
            }
        } finally {
            unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
