package org.smtprc.mta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A bare socket SMTP client for the lab's tests (loopback only): sends exactly what it is told. */
public final class SmtpTalk implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public SmtpTalk(InetSocketAddress server) throws IOException {
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + server);
        }
        socket = new Socket();
        socket.connect(server, 2000);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One whole reply, lines joined by "\n"; null if the server hung up. */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return reply.isEmpty() ? null : reply.toString();
            }
            if (!reply.isEmpty()) {
                reply.append('\n');
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    public String command(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** DATA, the message (dot-stuffed here), the final dot; the reply to the final dot (or to DATA if refused). */
    public String data(String message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        StringBuilder body = new StringBuilder();
        for (String l : message.split("\r?\n", -1)) {
            body.append(l.startsWith(".") ? "." + l : l).append("\r\n");
        }
        body.append(".\r\n");
        out.write(body.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** STARTTLS, trusting any certificate (the lab's is self-signed). */
    public String startTls() throws Exception {
        String reply = command("STARTTLS");
        if (!reply.startsWith("220")) {
            return reply;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, peer.getHostString(), peer.getPort(), true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        return reply;
    }

    public String authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    public InputStream rawInput() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
