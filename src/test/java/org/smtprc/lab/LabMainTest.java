package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabMainTest {

    @Test
    void optionsBuildTheLabTheyDescribe() throws Exception {
        try (CollectingSmtpSink sink = new CollectingSmtpSink()) {
            LabMain.Options options = LabMain.parse(new String[]{"--spec", "127.0.12.1=open-relay,127.0.12.2=closed",
                    "--deliver-to", "127.0.0.1:" + sink.address().getPort(), "--port", "0", "--reply-delay-ms", "5",
                    "--seconds", "3"});
            assertThat(options.seconds()).isEqualTo(3);
            try (Lab lab = options.lab().start()) {
                assertThat(lab.hostCount()).isEqualTo(2);
                try (RawSmtpClient client = new RawSmtpClient("127.0.12.1", lab.port())) {
                    assertThat(client.reply()).startsWith("220 mx-127-0-12-1.lab.test");
                    assertThat(client.send("EHLO scanner.test")).startsWith("250");
                    assertThat(client.send("MAIL FROM:<a@probe.test>")).startsWith("250");
                    assertThat(client.send("RCPT TO:<b@probe.test>")).startsWith("250");
                    assertThat(client.send("DATA")).startsWith("354");
                    assertThat(client.send("Subject: main\r\n\r\nhi\r\n.")).startsWith("250");
                }
                assertThat(sink.await(Duration.ofSeconds(5)).recipients()).containsExactly("b@probe.test");
                await().atMost(Duration.ofSeconds(5)).until(() -> lab.deliveries() == 1);
            }
        }
    }

    @Test
    void deliveryAddressMustBeALoopbackLiteral() {
        assertThat(LabMain.loopbackEndpoint("127.0.0.1:10025")).isEqualTo(new InetSocketAddress("127.0.0.1", 10025));
        assertThat(LabMain.loopbackEndpoint("[::1]:10025").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> LabMain.loopbackEndpoint("localhost:25")).hasMessageContaining("not a dotted IPv4 literal");
        assertThatThrownBy(() -> LabMain.loopbackEndpoint("192.0.2.1:25"))
                .hasMessageContaining("lab delivery address 192.0.2.1:25 is not a loopback address");
        assertThatThrownBy(() -> LabMain.loopbackEndpoint("127.0.0.1")).hasMessageContaining("needs address:port");
        assertThatThrownBy(() -> LabMain.loopbackEndpoint("127.0.0.1:0")).hasMessageContaining("out of range 1-65535");
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> LabMain.parse(new String[]{"--port", "2525"})).hasMessageContaining("--spec is required");
        assertThatThrownBy(() -> LabMain.parse(new String[]{"--spec"})).hasMessageContaining("--spec needs a value");
        assertThatThrownBy(() -> LabMain.parse(new String[]{"--spec", "127.0.1.1=closed", "--colour", "red"}))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> LabMain.parse(new String[]{"--spec", "127.0.1.1=closed", "--seconds", "soon"}))
                .hasMessageContaining("--seconds \"soon\" is not a number");
        assertThat(LabMain.usage()).contains("open-relay-anonymous", "disconnect-after-3");
    }
}
