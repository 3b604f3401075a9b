package org.smtprc.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Terminal terminal(boolean tty) {
        return new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), tty);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void controlCharactersAndEscapeSequencesBecomeVisibleText() {
        assertThat(Terminal.visible("220 \u001b[2J\u001b]0;owned\u0007 hi\r\n\u0000\u009b31m\u007f"))
                .isEqualTo("220 \\x1b[2J\\x1b]0;owned\\x07 hi\\x0d\\x0a\\x00\\x9b31m\\x7f");
        // bidirectional overrides and zero-width characters could hide or reorder text
        assertThat(Terminal.visible("a\u202eb\u200bc\u2028d")).isEqualTo("a\\u{202e}b\\u{200b}c\\u{2028}d");
        // a host cannot forge an escaped form: its own backslashes are doubled
        assertThat(Terminal.visible("\\x1b")).isEqualTo("\\\\x1b");
        assertThat(Terminal.visible("mx.example.net ESMTP Postfix (Debian) ü")).isEqualTo(
                "mx.example.net ESMTP Postfix (Debian) ü");
    }

    @Test
    void cellsAreCutToTheirWidthAfterEscaping() {
        assertThat(Terminal.cell("abcdef", 4)).isEqualTo("abc…");
        assertThat(Terminal.cell("\u001b\u001b", 5)).isEqualTo("\\x1b…");
        assertThat(Terminal.cell("abcd", 4)).isEqualTo("abcd");
    }

    @Test
    void hostsAreTabledInTheServersOrderWithHostileTextInert() {
        // as the server lists them for sort=address: numerically, whatever the verdicts
        terminal(false).hosts(List.of(
                host("192.0.2.3", "SECURED", "every relay test was refused", "220 closed"),
                host("192.0.2.7", "CONFIRMED_RELAY", "relayed our probe", "220 \u001b[31mred\u001b[0m relay"),
                host("192.0.2.9", "SOMETHING_NEW", "", ""),
                host("192.0.2.10", "REFUSED", "", "")));

        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("VERDICT          ENDPOINT       DETAIL");
        assertThat(lines.get(1)).startsWith("SECURED          192.0.2.3:25");
        assertThat(lines.get(2)).startsWith("CONFIRMED_RELAY  192.0.2.7:25   relayed our probe")
                .endsWith("220 \\x1b[31mred\\x1b[0m relay");
        assertThat(lines.get(3)).startsWith("SOMETHING_NEW    192.0.2.9:25");
        assertThat(lines.get(4)).startsWith("REFUSED          192.0.2.10:25");
        assertThat(printed()).doesNotContain("\u001b");
    }

    @Test
    void progressIsABarOnATerminalAndPlainLinesElsewhere() {
        Terminal plain = terminal(false);
        plain.progress(scan("PROBING", 5, 20));
        plain.progress(scan("PROBING", 5, 20));
        plain.progress(scan("CONFIRMING", 20, 20));
        plain.endProgress();
        assertThat(printed()).isEqualTo("""
                scan 4: 25%  5/20 endpoints  PROBING
                scan 4: 100%  20/20 endpoints  CONFIRMING
                """);

        bytes.reset();
        Terminal tty = terminal(true);
        tty.progress(scan("PROBING", 10, 20));
        tty.endProgress();
        assertThat(printed()).isEqualTo("\r[###############               ]  50%  10/20 endpoints  PROBING\u001b[K\n");
    }

    @Test
    void aHostileStatusCannotReachTheTerminalThroughTheProgressLine() {
        terminal(true).progress(scan("\u001b]0;owned\u0007", 1, 2));
        assertThat(printed()).doesNotContain("\u001b]").contains("\\x1b]0;owned\\x07");
    }

    private static Map<String, Object> host(String address, String verdict, String detail, String banner) {
        return Map.of("address", address, "port", 25L, "verdict", verdict, "detail", detail, "banner", banner);
    }

    private static Map<String, Object> scan(String status, long done, long total) {
        return Map.of("id", 4L, "status", status, "progress", Map.of("done", done, "total", total));
    }
}
