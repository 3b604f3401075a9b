package org.smtprc.inbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Where, besides the in-app receiver, relayed probe mail may be waiting: an IMAP or POP3 mailbox, a Maildir, or
 * both. Read from WildFly system properties at every poll, so an operator points the scanner at a mailbox (or
 * stops it) with the management CLI and no redeploy:
 * {@code /system-property=smtprc.mailbox.url:add(value="imaps://relaytest@mail.example.net/INBOX")}.
 *
 * @param mailbox      {@code imap://user@host:port/FOLDER}, {@code imaps://...}, {@code pop3://user@host:port} or
 *                     {@code pop3s://...}; null when no mailbox is polled
 * @param password     the mailbox user's password
 * @param pollInterval the pause between two polls
 * @param maildir      a Maildir the MTA delivers the probe mailbox into; null when none is read
 */
public record MailboxSettings(URI mailbox, String password, Duration pollInterval, Path maildir) {

    public static final String URL = "smtprc.mailbox.url";
    public static final String PASSWORD = "smtprc.mailbox.password";
    public static final String POLL_SECONDS = "smtprc.mailbox.poll-seconds";
    public static final String MAILDIR = "smtprc.maildir.path";

    private static final long DEFAULT_POLL_SECONDS = 60;
    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    /** The current settings; a malformed value fails with what is wrong and how to write it. */
    public static MailboxSettings fromSystemProperties() {
        return new MailboxSettings(mailbox(text(URL)), text(PASSWORD), pollInterval(text(POLL_SECONDS)),
                text(MAILDIR) == null ? null : Path.of(text(MAILDIR)));
    }

    public boolean configured() {
        return mailbox != null || maildir != null;
    }

    public boolean pop3() {
        return mailbox != null && mailbox.getScheme().startsWith("pop3");
    }

    /** The folder to read: the URL's path, INBOX when it has none (POP3 knows only INBOX). */
    public String folder() {
        String path = mailbox.getPath();
        return path == null || path.isEmpty() || path.equals("/") || pop3() ? "INBOX" : path.substring(1);
    }

    /** The mailbox as the log and the stored evidence name it: never the password. */
    public String describeMailbox() {
        return mailbox.getScheme() + " " + mailbox.getUserInfo() + "@" + mailbox.getHost()
                + (mailbox.getPort() < 0 ? "" : ":" + mailbox.getPort()) + "/" + folder();
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "mailbox " + (mailbox == null ? "none" : describeMailbox()) + ", every " + pollInterval.toSeconds()
                + " s, maildir " + (maildir == null ? "none" : maildir);
    }

    private static URI mailbox(String value) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + "=\"" + value + "\" is not a URL (" + e.getReason()
                    + "); write it like imaps://relaytest@mail.example.net/INBOX or pop3s://relaytest@mail.example.net");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(scheme)) {
            throw new IllegalArgumentException(URL + "=\"" + value + "\" names no mailbox protocol SmtpRC reads;"
                    + " start it with imap://, imaps://, pop3:// or pop3s://");
        }
        if (uri.getHost() == null || uri.getUserInfo() == null || uri.getUserInfo().isEmpty()) {
            throw new IllegalArgumentException(URL + "=\"" + value + "\" needs the mailbox user and the server,"
                    + " e.g. " + scheme + "://relaytest@mail.example.net; give the password in " + PASSWORD);
        }
        if (uri.getUserInfo().contains(":")) {
            throw new IllegalArgumentException(URL + " must not carry the password (it would show in logs):"
                    + " remove it from the URL and set " + PASSWORD + " instead");
        }
        return uri;
    }

    private static Duration pollInterval(String value) {
        if (value == null) {
            return Duration.ofSeconds(DEFAULT_POLL_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // explained below
        }
        throw new IllegalArgumentException(POLL_SECONDS + "=\"" + value + "\" is not a whole number of seconds"
                + " of at least 1; the default is " + DEFAULT_POLL_SECONDS);
    }

    private static String text(String key) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
