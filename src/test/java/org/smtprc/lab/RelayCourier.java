package org.smtprc.lab;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab relays' outbound SMTP client. It talks to one place only, the lab's loopback delivery address, and
 * behaves like a small MTA queue: transient failures (4xx, connection trouble) are retried with a doubling
 * backoff, permanent ones (5xx) end the attempt.
 */
final class RelayCourier {

    private static final int MAX_REPLY_LINE = 4096;

    private final InetSocketAddress deliverTo;
    private final LabSettings settings;
    private final Executor executor;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Why deliveries failed, by the last attempt's error (numbers blanked out so that alike errors add up). */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    RelayCourier(LabSettings settings, Executor executor) {
        this.deliverTo = requireLoopback(settings.deliverTo());
        this.settings = settings;
        this.executor = executor;
    }

    static InetSocketAddress requireLoopback(InetSocketAddress address) {
        if (address == null || address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            String shown = address == null || address.getAddress() == null
                    ? String.valueOf(address) : address.getAddress().getHostAddress() + ":" + address.getPort();
            throw new IllegalArgumentException("lab delivery address " + shown
                    + " is not a loopback address: lab relays hand mail only to a receiver on 127.0.0.0/8 or ::1");
        }
        return address;
    }

    /** Hands the message on in the background, after {@code holdFor} (zero for an ordinary relay). */
    void send(RelayedMessage message, Duration holdFor) {
        executor.execute(() -> {
            try {
                Thread.sleep(holdFor);
                deliverWithRetries(message);
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
            }
        });
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    /** Why deliveries failed, e.g. {"SocketTimeoutException: Read timed out": 3}. */
    Map<String, Long> failures() {
        Map<String, Long> copy = new TreeMap<>();
        failures.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }

    private void deliverWithRetries(RelayedMessage message) throws InterruptedException {
        Duration backoff = settings.deliveryBackoff();
        IOException last = null;
        for (int attempt = 1; attempt <= settings.deliveryAttempts(); attempt++) {
            try {
                deliver(message);
                delivered.incrementAndGet();
                return;
            } catch (PermanentRejection rejected) {
                last = rejected;
                break;
            } catch (SocketTimeoutException timeout) {
                last = timeout;
                pause(attempt, backoff);
                backoff = backoff.multipliedBy(2);
            } catch (InterruptedIOException closing) {
                throw new InterruptedException("lab is closing");
            } catch (IOException transientFailure) {
                last = transientFailure;
                pause(attempt, backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        failed.incrementAndGet();
        String reason = last.getClass().getSimpleName() + ": "
                + String.valueOf(last.getMessage()).replaceAll("[0-9]+", "N");
        failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    private void pause(int attempt, Duration backoff) throws InterruptedException {
        if (attempt < settings.deliveryAttempts()) {
            Thread.sleep(backoff);
        }
    }

    private void deliver(RelayedMessage message) throws IOException {
        int timeout = (int) settings.deliveryTimeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(message.relayAddress(), 0));
            socket.connect(deliverTo, timeout);
            socket.setSoTimeout(timeout);
            LineReader in = new LineReader(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            expect(in, 2);
            command(out, in, "EHLO " + message.relayName(), 2);
            command(out, in, "MAIL FROM:<" + message.mailFrom() + ">", 2);
            for (String recipient : message.recipients()) {
                command(out, in, "RCPT TO:<" + recipient + ">", 2);
            }
            command(out, in, "DATA", 3);
            out.write(DotStuffing.stuff(message.data()));
            command(out, in, ".", 2);
            command(out, in, "QUIT", 2);
        }
    }

    private static void command(OutputStream out, LineReader in, String line, int expectedClass) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        expect(in, expectedClass);
    }

    private static void expect(LineReader in, int expectedClass) throws IOException {
        LineReader.Line line;
        do {
            line = in.read(MAX_REPLY_LINE);
            if (line == null) {
                throw new IOException("the receiver closed the connection");
            }
        } while (line.bytes().length > 3 && line.bytes()[3] == '-');
        String text = line.text();
        int replyClass = text.isEmpty() ? 0 : text.charAt(0) - '0';
        if (replyClass == 5) {
            throw new PermanentRejection(text);
        }
        if (replyClass != expectedClass) {
            throw new IOException("the receiver answered \"" + text + "\"");
        }
    }

    private static final class PermanentRejection extends IOException {
        PermanentRejection(String reply) {
            super("the receiver refused the message: " + reply);
        }
    }
}
