package org.smtprc.probe;

/** A battery file the operator edited has a mistake; the message names the file, the line and what to fix. */
public class BatteryFormatException extends IllegalArgumentException {

    private final String source;
    private final int line;

    public BatteryFormatException(String source, int line, String reason) {
        super(source + " line " + line + ": " + reason);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
