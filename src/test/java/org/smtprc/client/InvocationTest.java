package org.smtprc.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationTest {

    private static Invocation parse(String... args) {
        return Invocation.parse(List.of(args));
    }

    @Test
    void aScanTakesItsTargetsAndOptionsInEitherSpelling() {
        Invocation scan = parse("scan", "192.0.2.0/24", "198.51.100.7", "--ports", "25,587", "--profile=full",
                "--exclude", "192.0.2.1", "--watch");

        assertThat(scan.command()).isEqualTo(Invocation.Command.SCAN);
        assertThat(scan.targets()).isEqualTo("192.0.2.0/24 198.51.100.7");
        assertThat(scan.option("ports")).isEqualTo("25,587");
        assertThat(scan.option("profile")).isEqualTo("full");
        assertThat(scan.option("exclude")).isEqualTo("192.0.2.1");
        assertThat(scan.watch()).isTrue();
        assertThat(scan.options()).doesNotContainKey("watch");
    }

    @Test
    void commandsThatNameAScanTakeItsId() {
        assertThat(parse("hosts", "7", "--verdict", "CONFIRMED_RELAY"))
                .satisfies(i -> assertThat(i.scanId()).isEqualTo(7))
                .satisfies(i -> assertThat(i.option("verdict")).isEqualTo("CONFIRMED_RELAY"));
        assertThat(parse("hosts", "7", "--sort", "-address").option("sort")).isEqualTo("-address");
        assertThat(parse("hosts", "7", "--sort=port").option("sort")).isEqualTo("port");
        assertThat(parse("report", "12").command()).isEqualTo(Invocation.Command.REPORT);
        assertThat(parse("stop", "3").scanId()).isEqualTo(3);
        assertThat(parse("restart", "4").command()).isEqualTo(Invocation.Command.RESTART);
        assertThat(parse("scans").command()).isEqualTo(Invocation.Command.SCANS);
        assertThat(parse().command()).isEqualTo(Invocation.Command.HELP);
        assertThat(parse("--help").command()).isEqualTo(Invocation.Command.HELP);
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> parse("scan")).hasMessageContaining("needs targets");
        assertThatThrownBy(() -> parse("scan", "192.0.2.1", "--ports")).hasMessage("--ports needs a value");
        assertThatThrownBy(() -> parse("scan", "192.0.2.1", "--watch=yes")).hasMessage("--watch takes no value");
        assertThatThrownBy(() -> parse("scan", "192.0.2.1", "--ports", "25", "--ports", "26"))
                .hasMessage("--ports is given twice");
        assertThatThrownBy(() -> parse("scan", "192.0.2.1", "--verdict", "SECURED"))
                .hasMessage("smtprc scan takes no option --verdict");
        assertThatThrownBy(() -> parse("hosts")).hasMessage("smtprc hosts needs a scan id");
        assertThatThrownBy(() -> parse("hosts", "7", "8")).hasMessageContaining("takes one scan id");
        assertThatThrownBy(() -> parse("stop", "seven")).hasMessageContaining("'seven' is not a scan id");
        assertThatThrownBy(() -> parse("stop", "0")).hasMessageContaining("is not a scan id");
        assertThatThrownBy(() -> parse("scans", "7")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> parse("SCAN", "192.0.2.1")).hasMessage("unknown command 'SCAN'");
        assertThatThrownBy(() -> parse("frobnicate")).isInstanceOf(Invocation.UsageException.class);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNotEchoed() {
        assertThatThrownBy(() -> parse("scans", "--password", "s3cret"))
                .isInstanceOf(Invocation.UsageException.class)
                .hasMessageContaining("SMTPRC_PASSWORD").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> parse("scan", "192.0.2.1", "--password=s3cret"))
                .hasMessageContaining("not taken on the command line").hasMessageNotContaining("s3cret");
    }

    @Test
    void anEscapeSequenceInABadArgumentIsShownNotSent() {
        assertThatThrownBy(() -> parse("stop", "\u001b]0;owned\u0007"))
                .hasMessageContaining("\\x1b]0;owned\\x07").hasMessageNotContaining("\u001b");
    }
}
