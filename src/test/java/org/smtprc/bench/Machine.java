package org.smtprc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on: cores, memory, JDK and how busy the machine was. */
final class Machine {

    static String describe() {
        return String.format(Locale.ROOT, "%d cores, %s memory, Java %s, load average %s",
                Runtime.getRuntime().availableProcessors(), memory(), Runtime.version(), loadAverage());
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // not Linux: say so rather than guess
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException unknown) {
            return "unknown";
        }
    }

    private Machine() {
    }
}
