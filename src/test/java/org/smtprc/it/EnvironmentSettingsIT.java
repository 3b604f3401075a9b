package org.smtprc.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings the WildFly way, on a server of its own started with environment variables: SmtpRC reads SMTPRC_SCOPE
 * and SMTPRC_HELO_NAME through MicroProfile Config (the scope it enforces, the name its receiver greets with). No
 * receiver setting is given: the receiver takes the socket binding smtprc-receiver (port 10025) with the server's
 * port offset, when the server boots with SmtpRC deployed and again when SmtpRC is redeployed on the running server.
 */
class EnvironmentSettingsIT {

    /** Beside the Arquillian server of the same run and the other servers of their own (+50), never on their ports. */
    private static final int PORT_OFFSET = Integer.getInteger("smtprc.it.port-offset", 100) + 70;
    /** The socket binding smtprc-receiver's port plus the offset. */
    private static final int RECEIVER_PORT = 10_025 + PORT_OFFSET;
    private static final Path BASE_DIR = Path.of("target/environment-drill/h2");
    private static final String SCOPE = "127.0.81.0/25";
    private static final String HELO_NAME = "env-scanner.smtprc.test";

    @Test
    void environmentVariablesTakeEffect() throws Exception {
        WildFlyProcess.deleteTree(BASE_DIR);
        try (WildFlyProcess server = new WildFlyProcess(WildFlyProcess.defaultHome(), BASE_DIR, PORT_OFFSET, Map.of())
                .withEnvironment(Map.of("SMTPRC_SCOPE", SCOPE, "SMTPRC_HELO_NAME", HELO_NAME))) {
            server.start(WildFlyProcess.defaultWar(), Duration.ofMinutes(6));
            ScanApi api = new ScanApi(server.baseUri(), TestUsers.OPERATOR);

            assertThat(api.get("api/scope").json().getString("networks")).isEqualTo(SCOPE);
            ScanApi.Reply outside = api.post("api/scans", "{\"targets\": \"127.0.81.200\", \"ports\": \"2525\"}");
            assertThat(outside.status()).as(outside.body()).isEqualTo(403);
            assertThat(outside.body()).contains("127.0.81.200");

            assertThat(receiverGreeting(RECEIVER_PORT)).startsWith("220 ").contains(HELO_NAME);

            JbossCli.Answer redeploy = JbossCli.connectedTo(9990 + PORT_OFFSET).run("/deployment=smtprc.war:redeploy");
            assertThat(redeploy.succeeded()).as(redeploy.toString()).isTrue();
            redeploy.result();
            assertThat(receiverGreeting(RECEIVER_PORT)).startsWith("220 ").contains(HELO_NAME);
            String listening = "SmtpRC receiver listening on 127.0.0.1:" + RECEIVER_PORT + " (socket binding smtprc-receiver)";
            assertThat(Files.readString(BASE_DIR.resolve("log/server.log")).split(Pattern.quote(listening), -1))
                    .as("the receiver took the socket binding at boot and on redeploy").hasSize(3);
        }
    }

    private static String receiverGreeting(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }
}
