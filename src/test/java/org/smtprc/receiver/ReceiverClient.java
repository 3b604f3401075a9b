package org.smtprc.receiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A plain SMTP client for the receiver's tests, from a chosen loopback source address. */
final class ReceiverClient implements AutoCloseable {

    static final InetAddress LOOPBACK = loopback(1);

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    ReceiverClient(int port) throws IOException {
        this(LOOPBACK, port);
    }

    ReceiverClient(InetAddress source, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(LOOPBACK, port), 3_000);
        socket.setSoTimeout(10_000);
        attach();
    }

    private void attach() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** The TLS handshake after the server's 220 to STARTTLS; from here on the client talks over TLS. */
    void startTls() throws Exception {
        SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        attach();
    }

    /** Trusts any certificate, as relays doing opportunistic TLS (RFC 7435) do: the receiver's is self-signed. */
    static SSLContext trustingContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    /** 127.0.0.{@code last}, or 127.x.y.z with {@link #loopback(int, int, int)}. */
    static InetAddress loopback(int last) {
        return loopback(0, 0, last);
    }

    static InetAddress loopback(int second, int third, int last) {
        try {
            return InetAddress.getByAddress(new byte[]{127, (byte) second, (byte) third, (byte) last});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    void send(String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One line, or null once the server closed (or reset) the connection. */
    String read() throws IOException {
        try {
            return in.readLine();
        } catch (IOException reset) {
            return null;
        }
    }

    /** A line if the server has sent one by now, else null without waiting. */
    String readIfReady() throws IOException {
        return in.ready() ? read() : null;
    }

    String readReply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = read();
            reply.append(line).append('\n');
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    /** Greeting, EHLO, one message to the probe mailbox; the reply to the final dot (or the first refusal). */
    String deliver(String probeMailbox, String message) throws IOException {
        String greeting = read();
        if (greeting == null || !greeting.startsWith("220")) {
            return greeting;
        }
        send("EHLO relay.test");
        String ehlo = readReply();
        if (!ehlo.startsWith("250")) {
            return ehlo;
        }
        for (String command : new String[]{"MAIL FROM:<sender@relay.test>", "RCPT TO:<" + probeMailbox + ">", "DATA"}) {
            send(command);
            String reply = read();
            if (reply == null || !(reply.startsWith("250") || reply.startsWith("354"))) {
                return reply;
            }
        }
        send(message + "\r\n.");
        String reply = read();
        send("QUIT");
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
