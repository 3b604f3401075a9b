package org.smtprc.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server JVM's memory and CPU from outside: heap after each GC from a GC log switched on with
 * {@code jcmd VM.log}, heap after a forced full GC, resident set size and its high-water mark from /proc, and
 * CPU time from /proc/PID/stat. Linux and a JDK with jcmd are assumed (the same JDK that runs the server).
 */
final class ServerGauges {

    /** "150M->40M(256M)" in a unified GC log line: the second number is the heap after that collection. */
    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private final Path jcmd;
    private final Path gcLog;

    ServerGauges(long pid, Path javaHome, Path gcLog) throws IOException, InterruptedException {
        this.pid = pid;
        this.jcmd = javaHome.resolve("bin/jcmd");
        this.gcLog = gcLog.toAbsolutePath();
        Files.deleteIfExists(this.gcLog);
        jcmd("VM.log", "output=file=" + this.gcLog, "what=gc", "decorators=uptime");
    }

    /**
     * Where a measured period starts: GC log position, CPU time (in all and per thread), and the RSS high-water
     * mark reset to now.
     */
    record Mark(long gcLogOffset, double cpuSeconds, long rssMb, Map<String, Long> threadTicks) {
    }

    Mark mark() throws IOException {
        // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+), so each case gets its own peak.
        Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
        return new Mark(Files.exists(gcLog) ? Files.size(gcLog) : 0, cpuSeconds(), status("VmRSS"), threadTicks());
    }

    /**
     * The server's CPU seconds since the mark by kind of thread, largest first: which part of the server a case
     * kept busy (virtual threads: probes and receiver sessions; messaging and the message-driven bean, batch threads, the JIT
     * compiler, GC, REST). Threads are told apart by their names, which Linux cuts to 15 characters.
     */
    Map<String, Double> cpuByThreadKind(Mark since) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        double total = cpuSeconds() - since.cpuSeconds();
        threadTicks().forEach((thread, now) -> {
            long used = now - since.threadTicks().getOrDefault(thread, 0L);
            ticks.merge(kindOf(thread.substring(thread.indexOf(' ') + 1)), used, Long::sum);
        });
        // Threads that ended in the meantime (idle virtual-thread carriers, pool threads) took their counts along.
        long live = ticks.values().stream().mapToLong(Long::longValue).sum();
        ticks.put("ended threads", Math.max(0, Math.round(total * CLOCK_TICKS_PER_SECOND) - live));
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / (double) CLOCK_TICKS_PER_SECOND));
        return seconds;
    }

    private static String kindOf(String threadName) {
        if (threadName.startsWith("ForkJoinPool-")) {
            // the carriers of all virtual threads: the probes, and the receiver's sessions with their JMS sends
            return "probes+receiver";
        }
        if (threadName.contains("CompilerThre")) {
            return "JIT";
        }
        if (threadName.startsWith("Thread-") && threadName.contains(" (") || threadName.startsWith("activemq")) {
            // Artemis names its threads "Thread-12 (activemq-...)", the message-driven bean runs on them too
            return "messaging";
        }
        if (threadName.startsWith("Batch Thread")) {
            return "batch";
        }
        if (threadName.startsWith("default task") || threadName.startsWith("default I/O")) {
            return "REST";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "GC";
        }
        return threadName.replaceAll("[0-9]+", "N");
    }

    /** Clock ticks used so far by each live thread, keyed "TID NAME". */
    private Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    ticks.put(task.getFileName() + " " + name, ticksIn(stat));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended while we listed them
                }
            }
        }
        return ticks;
    }

    /** The largest heap occupancy right after a collection, in MB, among collections since {@code since}. */
    long peakHeapAfterGcMb(Mark since) throws IOException {
        long peakKb = 0;
        for (String line : gcLinesSince(since.gcLogOffset())) {
            Matcher m = AFTER_GC.matcher(line);
            if (m.find()) {
                peakKb = Math.max(peakKb, kb(m.group(3), m.group(4)));
            }
        }
        return peakKb / 1024;
    }

    /** Heap occupancy after a full collection forced now, in MB. */
    long heapAfterFullGcMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no 'used' figure for process " + pid);
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    /** The live objects by class (largest first, the top 60), to see what a heap figure is made of. */
    void saveClassHistogram(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = jcmd("GC.class_histogram").lines().limit(64).toList();
        Files.write(file, lines);
    }

    long collectionsSince(Mark since) throws IOException {
        return gcLinesSince(since.gcLogOffset()).stream().filter(l -> AFTER_GC.matcher(l).find()).count();
    }

    /** Peak resident set since the mark, MB. */
    long peakRssMb() throws IOException {
        return status("VmHWM");
    }

    long rssMb() throws IOException {
        return status("VmRSS");
    }

    /** User plus system CPU seconds the server has used so far. */
    double cpuSeconds() throws IOException {
        return ticksIn(Files.readString(Path.of("/proc/" + pid + "/stat"))) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** User plus system clock ticks in a /proc stat line (of the process or of one thread). */
    private static long ticksIn(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Starts a flight recording to find where a case spends the server's time, with the JDK's "profile" settings
     * (CPU samples every 10 ms) or the .jfc file named by {@code bench.jfc} (e.g. one made by
     * {@code jfr configure --input profile jdk.ExecutionSample#period=1ms --output fine.jfc}).
     */
    void startRecording(String name) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + name, "settings=" + System.getProperty("bench.jfc", "profile"));
    }

    void stopRecording(String name, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private List<String> gcLinesSince(long offset) throws IOException {
        if (!Files.exists(gcLog)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        }
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + field + " line");
    }

    private static long kb(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value;
            case "M" -> value * 1024;
            default -> value * 1024 * 1024;
        };
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
