package org.smtprc.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's table (plain and Markdown) and its verdict on the targets. */
final class BenchReport {

    private static final String[] HEADER = {"case", "addresses", "live", "job start s", "probing s", "wall s", "addr/s", "live/s",
            "heap after GC peak MB", "heap after scan MB", "peak RSS MB", "RSS growth MB", "host rows", "server CPU s",
            "lab CPU s", "verdicts", "check"};

    private final String date;
    private final String machine;
    private final int maxInFlight;
    private final List<CaseResult> results;

    BenchReport(String date, String machine, int maxInFlight, List<CaseResult> results) {
        this.date = date;
        this.machine = machine;
        this.maxInFlight = maxInFlight;
        this.results = results;
    }

    /** The progress line printed as each case ends. */
    static String line(CaseResult r) {
        return String.join(" | ", cells(r)) + (r.note().isEmpty() ? "" : "  [" + r.note() + "]");
    }

    private static String[] cells(CaseResult r) {
        ScanRun.Measured m = r.measured();
        return new String[]{r.name(), Long.toString(r.addresses()), Long.toString(r.live()),
                m == null ? "-" : f(m.startSeconds()), f(r.seconds()),
                m == null ? "-" : f(m.wallSeconds()), String.format(Locale.ROOT, "%,.0f", r.addressesPerSecond()),
                String.format(Locale.ROOT, "%,.0f", r.livePerSecond()),
                m == null || m.collections() == 0 ? "-" : Long.toString(m.heapAfterGcPeakMb()), m == null ? "-" : Long.toString(m.heapAfterScanMb()),
                m == null ? "-" : Long.toString(m.peakRssMb()), m == null ? "-" : Long.toString(m.rssGrowthMb()),
                m == null ? "-" : Long.toString(m.hostRows()), m == null ? "-" : f(m.serverCpuSeconds()),
                m == null ? "-" : f(m.benchCpuSeconds()), m == null ? "-" : m.counts().toString(), r.check()};
    }

    void print(PrintStream out) {
        out.println();
        out.println("SmtpRC benchmark " + date + " on " + machine + " (load average now " + Machine.loadAverage()
                + "), smtprc.max-in-flight=" + maxInFlight + ", 8 partitions, lab and bare loop in the benchmark JVM");
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (CaseResult r : results) {
                widths[i] = Math.max(widths[i], cells(r)[i].length());
            }
        }
        out.println(row(HEADER, widths));
        for (CaseResult r : results) {
            out.println(row(cells(r), widths));
        }
        notes(out, "  ");
        out.println();
        out.println("Targets:");
        targets().forEach(t -> out.println("  " + t));
        out.println();
        out.println("Markdown:");
        out.println();
        out.println("Measured " + date + " on " + machine + "; `smtprc.max-in-flight=" + maxInFlight + "`, 8 partitions.");
        out.println();
        out.println("| " + String.join(" | ", HEADER) + " |");
        out.println("|" + "---|".repeat(HEADER.length));
        for (CaseResult r : results) {
            out.println("| " + String.join(" | ", cells(r)).replace("{", "").replace("}", "") + " |");
        }
        out.println();
        notes(out, "- ");
        out.println();
        targets().forEach(t -> out.println("- " + t));
    }

    private void notes(PrintStream out, String bullet) {
        for (CaseResult r : results) {
            String hosts = r.measured() == null ? "" : "; host time median/max " + r.measured().hostMillis()
                    + "; server CPU s by thread " + cpu(r.measured().cpuByThread());
            out.println(bullet + r.name() + ": " + r.note() + hosts);
        }
    }

    List<String> targets() {
        List<String> lines = new java.util.ArrayList<>();
        find("mixed-20ms").ifPresent(r -> {
            lines.add(met(r.addressesPerSecond() >= 1_000, String.format(Locale.ROOT,
                    "mixed, 20 ms replies: %,.0f addresses/s (target >= 1,000)", r.addressesPerSecond())));
            find("bare-mixed-20ms").ifPresent(b -> lines.add(met(r.addressesPerSecond() / b.addressesPerSecond() >= 0.70,
                    String.format(Locale.ROOT, "mixed, 20 ms replies: %.0f%% of the bare loop's %,.0f addresses/s "
                            + "(target >= 70%%)", 100 * r.addressesPerSecond() / b.addressesPerSecond(), b.addressesPerSecond()))));
        });
        find("mixed-0ms").ifPresent(r -> find("bare-mixed-0ms").ifPresent(b -> lines.add(String.format(Locale.ROOT,
                "(info) mixed, instant replies: %,.0f addresses/s, %.0f%% of the bare loop's %,.0f",
                r.addressesPerSecond(), 100 * r.addressesPerSecond() / b.addressesPerSecond(), b.addressesPerSecond()))));
        find("sweep-16").ifPresent(r -> lines.add(met(r.addressesPerSecond() >= 10_000, String.format(Locale.ROOT,
                "sweep /16: %,.0f addresses/s (target >= 10,000)", r.addressesPerSecond()))));
        find("silent").ifPresent(r -> {
            double ideal = Math.ceil(2_000.0 / Math.min(maxInFlight, 8 * 250)) * 2.0;
            lines.add(met(r.seconds() <= 1.5 * ideal, String.format(Locale.ROOT,
                    "silent: %.1f s probing, %.2fx the ideal %.1f s (target <= 1.5x)", r.seconds(), r.seconds() / ideal, ideal)));
        });
        find("sweep-16").ifPresent(small -> find("sweep-14").ifPresent(big -> {
            long a = small.measured().heapAfterScanMb();
            long b = big.measured().heapAfterScanMb();
            lines.add(met(Math.abs(b - a) <= 0.10 * a, String.format(Locale.ROOT,
                    "memory: heap after scan %d MB (/16) vs %d MB (/14), %+.0f%% (target within 10%%)", a, b,
                    100.0 * (b - a) / a)));
            lines.add(met(big.measured().rssGrowthMb() < 150, String.format(Locale.ROOT,
                    "memory: RSS growth during the /14 sweep %d MB, peak RSS %d MB vs %d MB in the /16 sweep "
                            + "(target < 150 MB growth)", big.measured().rssGrowthMb(), big.measured().peakRssMb(),
                    small.measured().peakRssMb())));
        }));
        boolean allRight = results.stream().allMatch(CaseResult::countsRight);
        lines.add(met(allRight, "verdict counts exactly right in every case"));
        return lines;
    }

    private Optional<CaseResult> find(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static String met(boolean met, String text) {
        return (met ? "MET     " : "MISSED  ") + text;
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells[i])).append(i == cells.length - 1 ? "" : "  ");
        }
        return line.toString().stripTrailing();
    }

    private static String cpu(Map<String, Double> byThread) {
        StringBuilder text = new StringBuilder();
        byThread.forEach((kind, seconds) -> text.append(text.isEmpty() ? "" : ", ").append(kind).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", seconds)));
        return text.toString();
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }
}
