package org.smtprc.audit;

/** Who did something, and from where (the client's address as the server saw it). */
public record Actor(String name, String address) {

    /** Work the server does on its own, such as resuming interrupted scans at startup. */
    public static final Actor SERVER = new Actor("server", "local");

    /**
     * Whoever used WildFly's management interface (jboss-cli, the console) to start or restart a scan's job: the
     * job runs without a caller identity (the batch subsystem has no security domain), so only the way is known.
     */
    public static final Actor MANAGEMENT = new Actor("management", "WildFly's management interface");
}
