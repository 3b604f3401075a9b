package org.smtprc.receiver;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A receiver in a process of its own, for {@link ReceiverFileLimitTest} to start under a small open-files limit:
 * prints "port N", serves until its standard input ends, then prints "accept failures N".
 */
public final class ReceiverUnderFileLimit {

    private ReceiverUnderFileLimit() {
    }

    public static void main(String[] args) throws IOException {
        ReceiverLimits roomy = new ReceiverLimits(4_096, 10_000, 10_000, Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(2), 1 << 20);
        try (SmtpReceiver receiver = new SmtpReceiver(new ReceiverSettings(InetAddress.getByName(args[0]), 0,
                "probe.test", "receiver.test", roomy), mail -> { })) {
            receiver.start();
            // a server has logged long before its files run out: the log's own first-use loading is done
            Logger.getLogger(ReceiverUnderFileLimit.class.getName()).info("receiver started");
            System.out.println("port " + receiver.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // serve until the test closes our input
            }
            System.out.println("accept failures " + receiver.acceptFailures());
        }
    }
}
