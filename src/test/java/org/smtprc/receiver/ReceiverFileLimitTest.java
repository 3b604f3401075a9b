package org.smtprc.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The accept loop survives running out of file descriptors: a receiver in a JVM limited to 128 open files
 * meets 200 connections, says so in its log, keeps trying, and serves the next client once files are free
 * (without the catch-all in the loop, the first failure, or the first warning's own file, ended accepting).
 */
class ReceiverFileLimitTest {

    private static final int OPEN_FILES = 128;
    private static final int CONNECTIONS = 200;
    private final List<Socket> flood = new ArrayList<>();
    private Process child;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : flood) {
            socket.close();
        }
        if (child != null) {
            child.destroyForcibly();
        }
    }

    /** The receiver's classes and the test's: plain Java, nothing else is needed. */
    private static String classPath() throws Exception {
        return Path.of(SmtpReceiver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(ReceiverUnderFileLimit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void runningOutOfFileDescriptorsIsLoggedAndOutlived(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("receiver.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        child = new ProcessBuilder("bash", "-c", "ulimit -n " + OPEN_FILES + " && exec \"$0\" -cp \"$1\" "
                + ReceiverUnderFileLimit.class.getName() + " 127.0.0.1", java, classPath())
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        String portLine = out.readLine();
        assertThat(portLine).as("the receiver started; its log: %s", Files.exists(log) ? Files.readString(log) : "")
                .startsWith("port ");
        int port = Integer.parseInt(portLine.substring("port ".length()));

        for (int i = 0; i < CONNECTIONS; i++) {
            Socket socket = new Socket();
            flood.add(socket);
            socket.bind(new InetSocketAddress(ReceiverClient.loopback(0, 36, 1 + i), 0));
            socket.connect(new InetSocketAddress(ReceiverClient.LOOPBACK, port), 5_000);
        }
        // the kernel completed every connection; the receiver takes those it has files for, the rest wait in its queue
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("Too many open files"));
        assertThat(Files.readString(log)).contains("the receiver cannot accept a connection").contains("it keeps trying");

        for (Socket socket : flood) {
            socket.close();
        }
        flood.clear();
        String reply = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (reply == null && System.nanoTime() < deadline) {
            try (ReceiverClient relay = new ReceiverClient(ReceiverClient.loopback(0, 36, 250), port)) {
                reply = relay.deliver("relaytest@probe.test", "Subject: after the flood\r\n\r\nproof");
            } catch (IOException stillBusy) {
                reply = null;
            }
            if (reply == null || !reply.matches("(?s)[2-5][0-9][0-9].*")) {
                // refused, or closed without a reply: the sessions of the flood are still giving their files back
                reply = null;
                Thread.sleep(200);
            }
        }
        assertThat(reply).as("a relay after the files came free").startsWith("250");
        assertThat(Files.readString(log)).contains("the receiver accepts connections again");

        child.getOutputStream().close();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.readLine()).matches("accept failures [1-9][0-9]*");
    }
}
