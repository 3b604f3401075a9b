package org.smtprc.owners;

/** An owners CSV file that cannot be imported: the line where the bad record starts and what is wrong with it. */
public class OwnersCsvException extends IllegalArgumentException {

    private final int line;

    public OwnersCsvException(int line, String reason) {
        super("owners CSV line " + line + ": " + reason + "; nothing was imported");
        this.line = line;
    }

    public int line() {
        return line;
    }
}
