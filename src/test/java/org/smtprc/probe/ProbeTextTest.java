package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeTextTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(1_500);

    @Test
    void describesNetworkFailuresInPlainWords() {
        assertThat(ProbeText.describe(new BudgetExhaustedException("host time budget used up"), COMMAND_TIMEOUT))
                .isEqualTo("host time budget used up");
        assertThat(ProbeText.describe(new SocketTimeoutException("Read timed out"), COMMAND_TIMEOUT))
                .isEqualTo("no reply within 1,500 ms");
        assertThat(ProbeText.describe(new EOFException("closed"), COMMAND_TIMEOUT))
                .isEqualTo("the server closed the connection");
        assertThat(ProbeText.describe(new MalformedReplyException("not an SMTP reply: 'x'"), COMMAND_TIMEOUT))
                .isEqualTo("malformed reply: not an SMTP reply: 'x'");
        assertThat(ProbeText.describe(new IOException("Connection reset"), COMMAND_TIMEOUT))
                .isEqualTo("IOException: Connection reset");
    }

    @Test
    void millisAreGroupedTheSameInEveryLocale() {
        assertThat(ProbeText.millis(Duration.ofSeconds(90))).isEqualTo("90,000 ms");
        assertThat(ProbeText.millis(Duration.ofMillis(300))).isEqualTo("300 ms");
    }

    @Test
    void boundedCutsOnlyWhatIsTooLongAndSaysSo() {
        assertThat(ProbeText.bounded("short", 5)).isEqualTo("short");
        assertThat(ProbeText.bounded("longer", 5)).isEqualTo("longe[...]");
    }
}
