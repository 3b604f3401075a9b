package org.smtprc.lab;

import java.io.ByteArrayOutputStream;

/** The SMTP DATA transparency rule (RFC 5321 4.5.2), outbound side. */
final class DotStuffing {

    private DotStuffing() {
    }

    /** Doubles each leading dot and ends the text with CRLF; the caller sends the terminating ".". */
    static byte[] stuff(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.writeBytes(new byte[]{'\r', '\n'});
        }
        return out.toByteArray();
    }
}
