package org.smtprc.mta;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** One running real mail server of a {@link RealMtaLab}: what every kind (Postfix, Exim) tells about itself. */
public abstract class MtaInstance {

    protected final String name;
    protected final MtaPersonality personality;
    protected final InetSocketAddress address;
    protected final String domain;
    protected final String hostname;
    protected final Path dir;
    /** "Postfix" or "Exim" until the running server has told its version. */
    protected String software;

    MtaInstance(String name, MtaPersonality personality, InetSocketAddress address, String hostname, Path dir,
                String software) {
        this.name = name;
        this.personality = personality;
        this.address = address;
        this.domain = domainOf(name);
        this.hostname = hostname;
        this.dir = dir;
        this.software = software;
    }

    /** The mail domain an instance of this name accepts as its own. */
    static String domainOf(String name) {
        return name + ".example";
    }

    public String name() {
        return name;
    }

    public MtaPersonality personality() {
        return personality;
    }

    /** Where it listens: its own 127.0.4.N, port 25. */
    public InetSocketAddress address() {
        return address;
    }

    /** Its own (accepted) mail domain, {@code <name>.example}. */
    public String domain() {
        return domain;
    }

    /**
     * Its myhostname / primary_hostname, the name in its banner: {@code mx.<name>.example}; the loophole gateway's is
     * its relay domain {@code <name>.example} itself.
     */
    public String hostname() {
        return hostname;
    }

    /** Software and version, e.g. "Postfix 3.7.11" or "Exim 4.96". */
    public String software() {
        return software;
    }

    /** Its configuration, queue and data files. */
    public Path directory() {
        return dir;
    }

    /** Its mail log (Postfix maillog_file, Exim mainlog). */
    public abstract Path logFile();

    /** Tries every queued message again now (postqueue -f, exim -qff). */
    public abstract void flushQueue();
}
