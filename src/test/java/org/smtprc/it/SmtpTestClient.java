package org.smtprc.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain SMTP client for the system tests: says exactly what it is told to the receiver on 127.0.0.1. */
final class SmtpTestClient implements AutoCloseable {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;

    SmtpTestClient(int port) throws IOException {
        this(null, port);
    }

    /** A client whose connection comes from {@code local} (another loopback address), or any address if null. */
    SmtpTestClient(InetAddress local, int port) throws IOException {
        socket = new Socket();
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** A whole conversation for one message; returns the reply to the end of DATA (or the first refusal). */
    static String deliver(int port, String mailFrom, String rcptTo, String message) throws IOException {
        return deliverFrom(null, port, mailFrom, rcptTo, message);
    }

    /** Like {@link #deliver}, from the loopback address {@code local}. */
    static String deliverFrom(InetAddress local, int port, String mailFrom, String rcptTo, String message)
            throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(local, port)) {
            for (String command : new String[]{"EHLO tester.smtprc.test", "MAIL FROM:<" + mailFrom + ">",
                    "RCPT TO:<" + rcptTo + ">"}) {
                String reply = client.command(command);
                if (!reply.startsWith("2")) {
                    return reply;
                }
            }
            String reply = client.data(message);
            client.command("QUIT");
            return reply;
        }
    }

    String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the whole reply (multi-line replies joined with newlines). */
    String command(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    /** DATA, the dot-stuffed message, and the final dot; returns the reply to the final dot. */
    String data(String message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        StringBuilder stuffed = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (message.endsWith("\n")) {
            stuffed.setLength(stuffed.length() - 2);
        }
        write(stuffed + ".\r\n");
        return reply();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the receiver closed the connection after: " + reply);
            }
            reply.append(reply.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
