package org.smtprc.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a lab from the command line for the demo and the benchmark:
 * {@code LabMain --spec <spec> --deliver-to 127.0.0.1:10025 [--port 2525] [--reply-delay-ms 20] [--seconds N]}.
 * Without --seconds it runs until stdin closes; with it, for N seconds (stdin is then ignored so the lab can run in
 * the background). SIGTERM always stops it cleanly.
 */
public final class LabMain {

    private static final int USAGE_ERROR = 2;

    private LabMain() {
    }

    /** What the command line asked for; {@code seconds} is 0 when the lab runs until stdin closes. */
    record Options(Lab.Builder lab, long seconds) {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lab: " + e.getMessage());
            System.err.println(usage());
            System.exit(USAGE_ERROR);
            return;
        }
        Lab lab;
        try {
            lab = options.lab().start();
        } catch (RuntimeException e) {
            System.err.println("lab: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "smtprc-lab-shutdown"));
        announce(lab, options, System.out);
        awaitStop(options.seconds(), System.in);
        lab.close();
        System.out.printf("lab stopped: %d messages delivered, %d deliveries failed%n", lab.deliveries(), lab.deliveryFailures());
    }

    static Options parse(String[] args) {
        String spec = null;
        long seconds = 0;
        InetSocketAddress deliverTo = null;
        Integer port = null;
        Duration replyDelay = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--spec" -> spec = value;
                case "--deliver-to" -> deliverTo = loopbackEndpoint(value);
                case "--port" -> port = (int) number(option, value, 0, 65_535);
                case "--reply-delay-ms" -> replyDelay = Duration.ofMillis(number(option, value, 0, 60_000));
                case "--seconds" -> seconds = number(option, value, 1, Long.MAX_VALUE / 1000);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (spec == null) {
            throw new IllegalArgumentException("--spec is required");
        }
        Lab.Builder builder = Lab.fromSpec(spec);
        if (deliverTo != null) {
            builder.deliverTo(deliverTo);
        }
        if (port != null) {
            builder.port(port);
        }
        if (replyDelay != null) {
            builder.replyDelay(replyDelay);
        }
        return new Options(builder, seconds);
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("""
                usage: LabMain --spec <spec> --deliver-to 127.0.0.1:10025 [--port 2525] [--reply-delay-ms 20] [--seconds N]
                  spec: address-or-CIDR=personality entries separated by commas, e.g. 127.0.1.1=open-relay,127.0.2.0/28=closed
                  runs until stdin closes, or for N seconds when --seconds is given; SIGTERM stops it too
                personalities:
                """);
        Arrays.stream(Personality.values()).forEach(p ->
                usage.append(String.format("  %-22s %s%n", p.specName(), p.description())));
        return usage.toString();
    }

    private static void announce(Lab lab, Options options, PrintStream out) {
        out.printf("lab: %d hosts listening on port %d%n", lab.hostCount(), lab.port());
        lab.layout().forEach(line -> out.println("  " + line));
        out.println(options.seconds() > 0
                ? "lab: running for " + options.seconds() + " s (or until SIGTERM)"
                : "lab: running until stdin closes (Ctrl-D) or SIGTERM");
        out.flush();
    }

    private static void awaitStop(long seconds, InputStream stdin) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        if (seconds > 0) {
            stop.await(seconds, TimeUnit.SECONDS);
            return;
        }
        Thread.ofVirtual().name("smtprc-lab-stdin").start(() -> {
            try {
                while (stdin.read() != -1) {
                    // the lab only cares that stdin ends
                }
            } catch (IOException closed) {
                // an unreadable stdin ends the lab the same way as a closed one
            }
            stop.countDown();
        });
        stop.await();
    }

    /** host:port with a literal loopback address (IPv4, or [::1]); names are refused so that nothing is resolved. */
    static InetSocketAddress loopbackEndpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--deliver-to \"" + text + "\" needs address:port, e.g. 127.0.0.1:10025");
        }
        String host = text.substring(0, colon);
        int port = (int) number("--deliver-to", text.substring(colon + 1), 1, 65_535);
        InetAddress address = host.equals("[::1]") ? ipv6Loopback() : LoopbackBlock.inetAddress(LoopbackBlock.parseAddress(text, host));
        return RelayCourier.requireLoopback(new InetSocketAddress(address, port));
    }

    private static InetAddress ipv6Loopback() {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("sixteen bytes are always a valid IPv6 address", impossible);
        }
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " " + value + " is out of range " + min + "-" + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " \"" + value + "\" is not a number");
        }
    }
}
