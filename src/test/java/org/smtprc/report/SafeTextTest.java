package org.smtprc.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void boundKeepsShortTextAndMarksWhatItCuts() {
        assertThat(SafeText.bound("hello", 5)).isEqualTo("hello");
        assertThat(SafeText.bound("hello world", 5)).isEqualTo("hello…[truncated 6 chars]");
        assertThat(SafeText.bound(null, 5)).isEmpty();
    }

    @Test
    void boundNeverSplitsASurrogatePair() {
        String text = "ab\uD83D\uDE00cd"; // an emoji is two chars
        assertThat(SafeText.bound(text, 3)).isEqualTo("ab…[truncated 4 chars]");
    }

    @Test
    void boundOfAMegabyteLine() {
        String bounded = SafeText.bound("x".repeat(1 << 20), 1_000);
        assertThat(bounded).startsWith("x".repeat(1_000)).endsWith("…[truncated 1047576 chars]").hasSizeLessThan(1_100);
    }

    @Test
    void printableShowsControlCharactersKeepsTabsAndLines() {
        assertThat(SafeText.printable("a\u0000b")).isEqualTo("a\\x00b");
        assertThat(SafeText.printable("\u001b[31mred\u001b[0m")).isEqualTo("\\x1b[31mred\\x1b[0m");
        assertThat(SafeText.printable("250-one\r\n250 two\r\n")).isEqualTo("250-one\n250 two\n");
        assertThat(SafeText.printable("a\tb\rc")).isEqualTo("a\tb\\rc");
        assertThat(SafeText.printable("del\u007f c1\u009b")).isEqualTo("del\\x7f c1\\x9b");
    }

    @Test
    void printableShowsBidiOverridesAndInvisibleCharacters() {
        assertThat(SafeText.printable("evil\u202Etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(SafeText.printable("zero\u200Bwidth")).isEqualTo("zero\\u200bwidth");
        assertThat(SafeText.printable("line\u2028sep")).isEqualTo("line\\u2028sep");
        assertThat(SafeText.printable("lone\uD800x")).isEqualTo("lone\\ud800x");
    }

    @Test
    void printableKeepsOrdinaryUnicode() {
        assertThat(SafeText.printable("Grüße, 日本 \uD83D\uDE00")).isEqualTo("Grüße, 日本 \uD83D\uDE00");
    }

    @Test
    void printableLineShowsLineBreaks() {
        assertThat(SafeText.printableLine("220 hi\r\nX-Injected: yes\n")).isEqualTo("220 hi\\r\\nX-Injected: yes\\n");
        assertThat(SafeText.printableLine("a\tb")).isEqualTo("a\tb");
        assertThat(SafeText.printableLine(null)).isEmpty();
    }

    @Test
    void htmlEscapesMarkup() {
        assertThat(SafeText.html("<script>alert('x' & \"y\")</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
        assertThat(SafeText.html(null)).isEmpty();
    }

    @Test
    void csvCellQuotesPerRfc4180() {
        assertThat(SafeText.csvCell("plain")).isEqualTo("plain");
        assertThat(SafeText.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SafeText.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SafeText.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(SafeText.csvCell(null)).isEmpty();
        assertThat(SafeText.csvCell("")).isEmpty();
    }

    @Test
    void csvCellNeutralisesFormulas() {
        assertThat(SafeText.csvCell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(SafeText.csvCell("+1+1")).isEqualTo("'+1+1");
        assertThat(SafeText.csvCell("-2+3")).isEqualTo("'-2+3");
        assertThat(SafeText.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SafeText.csvCell("\t=1")).isEqualTo("'\t=1");
        assertThat(SafeText.csvCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(SafeText.csvCell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(SafeText.csvCell("a=b")).isEqualTo("a=b");
    }
}
