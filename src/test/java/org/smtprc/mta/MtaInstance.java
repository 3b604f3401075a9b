package org.smtprc.mta;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** One running real mail server of a {@link RealMtaLab}. */
public interface MtaInstance {

    String name();

    MtaPersonality personality();

    /** Where it listens: its own 127.0.4.N, port 25. */
    InetSocketAddress address();

    /** Its own (accepted) mail domain, {@code <name>.example}. */
    String domain();

    /**
     * Its myhostname / primary_hostname, the name in its banner: {@code mx.<name>.example}; the loophole gateway's is
     * its relay domain {@code <name>.example} itself.
     */
    String hostname();

    /** Software and version, e.g. "Postfix 3.7.11" or "Exim 4.96". */
    String software();

    /** Its mail log (Postfix maillog_file, Exim mainlog). */
    Path logFile();

    /** Its configuration, queue and data files. */
    Path directory();

    /** Tries every queued message again now (postqueue -f, exim -qff). */
    void flushQueue();
}
