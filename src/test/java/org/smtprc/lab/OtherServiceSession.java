package org.smtprc.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A host that does not speak SMTP: silent, or another service's banner (SSH). It says its piece, then only listens
 * until the client goes away, remembering what it was sent.
 */
final class OtherServiceSession {

    private static final int MAX_LINE = 4096;
    private static final String SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1\r\n";

    private final LabHost host;
    private final LabServices lab;
    private final Socket socket;

    OtherServiceSession(LabHost host, LabServices lab, Socket socket) {
        this.host = host;
        this.lab = lab;
        this.socket = socket;
    }

    void run() throws IOException {
        socket.setSoTimeout((int) lab.settings().idleTimeout().toMillis());
        if (host.personality() == Personality.NOT_SMTP) {
            OutputStream out = socket.getOutputStream();
            out.write(SSH_BANNER.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        LineReader in = new LineReader(socket.getInputStream());
        try {
            for (LineReader.Line line = in.read(MAX_LINE); line != null; line = in.read(MAX_LINE)) {
                host.record(line.text(), lab.settings().commandLogLimit());
            }
        } catch (SocketTimeoutException idle) {
            // a client that waits as long as we do will not say anything more: hang up
        }
    }
}
