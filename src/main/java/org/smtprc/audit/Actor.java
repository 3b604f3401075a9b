package org.smtprc.audit;

/** Who did something, and from where (the client's address as the server saw it). */
public record Actor(String name, String address) {

    /** Work the server does on its own, such as resuming interrupted scans at startup. */
    public static final Actor SERVER = new Actor("server", "local");
}
