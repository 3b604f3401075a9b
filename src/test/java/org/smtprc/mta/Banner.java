package org.smtprc.mta;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Waits (bounded) until a server on a loopback address answers with the first line of an SMTP banner. */
final class Banner {

    private Banner() {
    }

    /** True if something accepts connections on the address right now. */
    static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Connects until the server sends a first line starting "220" (a "220-" continuation counts: postscreen sends
     * that long before its final line), or fails when {@code timeout} has passed.
     *
     * @return the first banner line
     */
    static String await(InetSocketAddress address, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                socket.setSoTimeout(3000);
                String line = firstLine(socket.getInputStream());
                if (line.startsWith("220")) {
                    return line;
                }
                last = new IOException("unexpected greeting: " + line);
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not answer its banner on " + address.getHostString() + ":"
                + address.getPort() + " within " + timeout + " (last: " + last + ")");
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && line.length() < 1000) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
