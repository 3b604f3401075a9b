package org.smtprc.probe;

import java.io.IOException;

/** The peer sent something that is not an SMTP reply; the message gives a short reason and the offending text. */
public class MalformedReplyException extends IOException {

    public MalformedReplyException(String reason) {
        super(reason);
    }
}
