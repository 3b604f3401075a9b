package org.smtprc.client;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the client prints. Text a scanned host chose (banners, replies, details) is hostile: every control
 * character, escape sequence introducer and invisible formatting character is shown by its number (backslash, x and
 * two hex digits, or backslash, u and the code point in braces), and a backslash doubled, so nothing a host sent
 * can move the cursor, retitle the window or hide text on the operator's terminal.
 */
final class Terminal {

    private static final int BAR_WIDTH = 30;
    private static final int MAX_DETAIL = 60;
    private static final int MAX_BANNER = 120;

    private final PrintStream out;
    private final boolean tty;
    private String lastLine = "";

    Terminal(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                shown.append("\\\\");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                shown.append(String.format("\\x%02x", c));
            } else if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE
                    || c == 0x2028 || c == 0x2029) {
                shown.append(String.format("\\u{%04x}", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** {@link #visible} text cut to {@code max} characters, "…" marking a cut. */
    static String cell(String text, int max) {
        String shown = visible(text);
        if (shown.codePointCount(0, shown.length()) <= max) {
            return shown;
        }
        return shown.substring(0, shown.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** The scan's progress: a bar redrawn in place on a terminal, otherwise a plain line whenever it changes. */
    void progress(Map<String, Object> scan) {
        Map<String, Object> progress = scan.get("progress") instanceof Map<?, ?> ? Json.object(scan.get("progress"))
                : Map.of();
        long done = Json.number(progress, "done");
        long total = Json.number(progress, "total");
        int percent = total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
        String status = cell(Json.text(scan, "status"), 20);
        String figures = String.format("%3d%%  %d/%d endpoints  %s", percent, done, total, status);
        if (tty) {
            int filled = percent * BAR_WIDTH / 100;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + figures + "\033[K");
            out.flush();
        } else if (!figures.equals(lastLine)) {
            out.println("scan " + Json.text(scan, "id") + ": " + figures.strip());
        }
        lastLine = figures;
    }

    /** Ends a progress bar's line, so that what follows starts on a line of its own. */
    void endProgress() {
        if (tty && !lastLine.isEmpty()) {
            out.println();
        }
    }

    void line(String text) {
        out.println(text);
    }

    /** The scan list: one line per scan. */
    void scans(List<Object> scans) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "STATUS", "PROGRESS", "CREATED", "TARGETS"));
        for (Object item : scans) {
            Map<String, Object> scan = Json.object(item);
            Map<String, Object> progress = scan.get("progress") instanceof Map<?, ?>
                    ? Json.object(scan.get("progress")) : Map.of();
            rows.add(List.of(cell(Json.text(scan, "id"), 20), cell(Json.text(scan, "status"), 20),
                    Json.number(progress, "done") + "/" + Json.number(progress, "total"),
                    cell(Json.text(scan, "createdAt"), 30), cell(Json.text(scan, "targets"), MAX_DETAIL)));
        }
        table(rows);
    }

    /** Hosts in the order given (the server's: proven relays first unless another sort was asked). */
    void hosts(List<Map<String, Object>> hosts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VERDICT", "ENDPOINT", "DETAIL", "BANNER"));
        for (Map<String, Object> host : hosts) {
            rows.add(List.of(cell(Json.text(host, "verdict"), 30),
                    cell(Json.text(host, "address") + ":" + Json.text(host, "port"), 50),
                    cell(Json.text(host, "detail"), MAX_DETAIL), cell(Json.text(host, "banner"), MAX_BANNER)));
        }
        table(rows);
    }

    /** Columns padded to their widest cell; cells are already made visible and bounded. */
    void table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
