package org.smtprc.lab;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A bare socket SMTP client for the lab's tests: it sends exactly what it is told and shows exactly what came back. */
final class RawSmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawSmtpClient(String address, int port) throws IOException {
        this(address, port, Duration.ofSeconds(5));
    }

    RawSmtpClient(String address, int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(LoopbackBlock.inetAddress(LoopbackBlock.parseAddress(address, address)), port), 2000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        attach(socket);
    }

    /** One whole reply, multi-line replies joined with "\n", without line terminators; null if the server hung up. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return reply.isEmpty() ? null : reply.toString();
            }
            reply.append(reply.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    /** One raw line as ISO-8859-1 text, or null at end of stream. */
    String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        if (b == -1 && line.isEmpty()) {
            return null;
        }
        return line.toString().endsWith("\r") ? line.substring(0, line.length() - 1) : line.toString();
    }

    String send(String command) throws IOException {
        write(command + "\r\n");
        return reply();
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** True when the server closed its side: the next read sees end of stream. */
    boolean serverClosed() throws IOException {
        return in.read() == -1;
    }

    /** Runs the TLS handshake after a 220 to STARTTLS, trusting the lab's self-signed certificate. */
    void startTls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new TrustEverything()}, null);
        SSLSocket secured = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        socket = secured;
        attach(secured);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void attach(Socket s) throws IOException {
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** The lab's certificate is made fresh at each start; a test client has nothing to check it against. */
    private static final class TrustEverything implements X509TrustManager {
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
    }
}
