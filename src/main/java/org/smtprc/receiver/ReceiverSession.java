package org.smtprc.receiver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client's SMTP conversation with the receiver. Replies in order, so pipelined commands just work. Its time
 * is bounded by the idle timeout here, and by the session and DATA deadlines that {@link SmtpReceiver} enforces
 * from outside (a read or write can block however a client behaves), which end it through its
 * {@link ClientConnection}.
 */
final class ReceiverSession {

    private static final Logger LOG = Logger.getLogger(ReceiverSession.class.getName());

    /** RFC 5321 4.5.3.1: 512 octets for a command line, 1000 for a text line; we are a little lenient. */
    private static final int MAX_COMMAND = 2_048;
    private static final int MAX_TEXT_LINE = 8_192;
    private static final Pattern PATH = Pattern.compile("(?i)^(MAIL FROM|RCPT TO):\\s*<([^<>]*)>(.*)$");
    private static final Pattern SIZE = Pattern.compile("(?i)\\bSIZE=(\\d{1,12})\\b");
    private static final String NO_ROOM = "452 4.3.1 Insufficient system storage, try again later";

    private final ClientConnection connection;
    private final Socket socket;
    private final ReceiverSettings settings;
    private final ReceiverLimits limits;
    private final MailSink sink;
    private final MessageBudget budget;
    /** Offers STARTTLS when set. */
    private final SSLContext tls;
    /** Our own scans' EHLO names besides the greeting name. */
    private final Predicate<String> ownName;
    private InputStream in;
    private OutputStream out;
    private boolean secure;
    private String helo;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();

    ReceiverSession(ClientConnection connection, ReceiverSettings settings, MailSink sink, MessageBudget budget,
                    SSLContext tls, Predicate<String> ownName) {
        this.connection = connection;
        this.socket = connection.socket();
        this.settings = settings;
        this.limits = settings.limits();
        this.sink = sink;
        this.budget = budget;
        this.tls = tls;
        this.ownName = ownName;
    }

    void run() {
        try {
            socket.setSoTimeout((int) Math.max(1, limits.idleTimeout().toMillis()));
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            reply("220 " + settings.greetingName() + " ESMTP SmtpRC receiver ready");
            converse();
        } catch (SocketTimeoutException idle) {
            tryReply("421 4.4.2 " + settings.greetingName() + " idle too long, closing connection");
        } catch (IOException gone) {
            // the client hung up, or the receiver ended the session (answered below)
        }
        if (connection.ending()) {
            tryReply(connection.endReply());
        }
    }

    private void converse() throws IOException {
        while (!connection.ending()) {
            String line = readLine(MAX_COMMAND);
            if (line == null) {
                return;
            }
            connection.heard(System.nanoTime());
            if (line.length() > MAX_COMMAND) {
                reply("500 5.5.2 Line too long");
                continue;
            }
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> ehlo(line, true);
                case "HELO" -> ehlo(line, false);
                case "MAIL" -> mail(line);
                case "RCPT" -> rcpt(line);
                case "DATA" -> data();
                case "STAR" -> startTls(line);
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 Reset");
                }
                case "NOOP" -> reply("250 2.0.0 OK");
                case "VRFY" -> reply("252 2.5.2 Cannot verify, but will accept mail for @" + settings.acceptedDomain());
                case "QUIT" -> {
                    reply("221 2.0.0 " + settings.greetingName() + " closing connection");
                    return;
                }
                default -> reply("500 5.5.1 Command not recognised");
            }
        }
    }

    private void ehlo(String line, boolean extended) throws IOException {
        String name = line.length() > 5 ? line.substring(5).trim() : "";
        if (name.isEmpty()) {
            reply("501 5.5.4 " + (extended ? "EHLO" : "HELO") + " needs a host name");
            return;
        }
        helo = name;
        reset();
        if (extended) {
            List<String> lines = new ArrayList<>(List.of("250-" + settings.greetingName() + " greets " + name,
                    "250-SIZE " + limits.maxMessageBytes(), "250-8BITMIME", "250-PIPELINING"));
            if (tls != null && !secure) {
                lines.add("250-STARTTLS");
            }
            lines.add("250 ENHANCEDSTATUSCODES");
            reply(lines.toArray(String[]::new));
        } else {
            reply("250 " + settings.greetingName());
        }
    }

    private void mail(String line) throws IOException {
        Matcher path = PATH.matcher(line);
        if (helo == null) {
            reply("503 5.5.1 Say EHLO first");
        } else if (mailFrom != null) {
            reply("503 5.5.1 Sender already given");
        } else if (!path.matches() || !path.group(1).equalsIgnoreCase("MAIL FROM")) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        } else if (declaredSize(path.group(3)) > limits.maxMessageBytes()) {
            reply("552 5.3.4 Message size exceeds the limit of " + limits.maxMessageBytes() + " bytes");
        } else if (declaredSize(path.group(3)) > budget.available()) {
            reply(NO_ROOM);
        } else {
            mailFrom = path.group(2);
            reply("250 2.1.0 Sender OK");
        }
    }

    private void rcpt(String line) throws IOException {
        Matcher path = PATH.matcher(line);
        if (mailFrom == null) {
            reply("503 5.5.1 Need MAIL before RCPT");
        } else if (!path.matches() || !path.group(1).equalsIgnoreCase("RCPT TO")) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
        } else if (helo.equalsIgnoreCase(settings.greetingName()) || ownName.test(helo)) {
            // Our own scanner found our own mailbox: that is delivery, not relaying, and must not prove a relay.
            reply("550 5.7.1 This is SmtpRC's own probe mailbox, not a relay test target");
        } else if (!isProbeMailbox(path.group(2))) {
            reply("550 5.7.1 Relaying denied: this server only accepts mail for @" + settings.acceptedDomain());
        } else if (recipients.size() >= 100) {
            reply("452 4.5.3 Too many recipients");
        } else {
            recipients.add(path.group(2));
            reply("250 2.1.5 Recipient OK");
        }
    }

    /** A plain local@probe-domain address: no source route, percent hack, bang path or second @. */
    private boolean isProbeMailbox(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || address.startsWith("@")) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.equalsIgnoreCase(settings.acceptedDomain()) && !local.contains("@") && !local.contains("%")
                && !local.contains("!") && !local.contains(":") && !local.contains("\"");
    }

    private void data() throws IOException {
        if (recipients.isEmpty()) {
            reply("503 5.5.1 Need RCPT before DATA");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        connection.dataUntil(System.nanoTime() + limits.dataTimeout().toNanos());
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long reserved = 0;
        try {
            String id = UUID.randomUUID().toString().substring(0, 12);
            byte[] trace = receivedLine(id).getBytes(StandardCharsets.ISO_8859_1);
            // Over the size limit or the memory budget, the rest is read and dropped: the client hears why at the dot.
            String refusal = null;
            if (budget.tryReserve(trace.length)) {
                reserved += trace.length;
                message.writeBytes(trace);
            } else {
                refusal = NO_ROOM;
            }
            while (true) {
                String line = readLine(MAX_TEXT_LINE);
                if (line == null) {
                    throw new IOException("connection closed during DATA");
                }
                connection.heard(System.nanoTime());
                if (line.equals(".")) {
                    break;
                }
                if (refusal != null) {
                    continue;
                }
                String unstuffed = line.startsWith(".") ? line.substring(1) : line;
                int bytes = unstuffed.length() + 2;
                if (message.size() + bytes > limits.maxMessageBytes()) {
                    refusal = "552 5.3.4 Message exceeds the limit of " + limits.maxMessageBytes() + " bytes";
                } else if (!budget.tryReserve(bytes)) {
                    refusal = NO_ROOM;
                } else {
                    reserved += bytes;
                    message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            connection.dataDone();
            if (refusal != null) {
                reset();
                reply(refusal);
                return;
            }
            ReceivedMail mail = new ReceivedMail(mailFrom, recipients, message.toByteArray(),
                    socket.getInetAddress().getHostAddress(), Instant.now());
            message = null; // from here on the mail's copy is all the budget pays for
            reset();
            hand(mail, id);
        } finally {
            connection.dataDone();
            budget.release(reserved);
        }
    }

    /**
     * Queues the mail, then says so. A reply that cannot be written (the sender gave up waiting) ends the session
     * like any other write failure: the mail is queued all the same, and should the sender try again, the ledger
     * keeps the proof once.
     */
    private void hand(ReceivedMail mail, String id) throws IOException {
        try {
            sink.accept(mail);
        } catch (Exception e) {
            // the sender keeps the message and retries, as MTAs do; proof arrives late rather than never
            LOG.log(Level.WARNING, "could not queue a message relayed by " + mail.peer()
                    + "; told it to try again later (451): " + e, e);
            reply("451 4.3.0 Cannot take the message right now, try again later");
            return;
        }
        reply("250 2.0.0 Ok: queued as " + id);
    }

    /**
     * RFC 3207. Whatever the client sent after STARTTLS in the clear is dropped unread, so that no plaintext
     * command can pass itself off as sent over TLS; afterwards the client starts again with EHLO.
     */
    private void startTls(String line) throws IOException {
        if (tls == null || !line.toUpperCase(Locale.ROOT).startsWith("STARTTLS")) {
            reply("500 5.5.1 Command not recognised");
        } else if (line.length() > "STARTTLS".length() && !line.substring("STARTTLS".length()).isBlank()) {
            reply("501 5.5.4 Syntax: STARTTLS");
        } else if (secure) {
            reply("503 5.5.1 TLS is already on");
        } else {
            in.skipNBytes(in.available());
            reply("220 2.0.0 Ready to start TLS");
            SSLSocket layered = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            layered.setUseClientMode(false);
            layered.startHandshake();
            in = new BufferedInputStream(layered.getInputStream());
            out = layered.getOutputStream();
            secure = true;
            helo = null;
            reset();
        }
    }

    /** Our trace line; always the first header, and marked, so the anonymity judgement can skip it. */
    private String receivedLine(String id) {
        return "Received: from " + helo + " ([" + socket.getInetAddress().getHostAddress() + "])\r\n"
                + "\tby " + settings.greetingName() + " " + SmtpReceiver.OWN_TRACE_MARK
                + (secure ? " with ESMTPS id " : " with ESMTP id ") + id
                + ";\r\n\t" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n";
    }

    private long declaredSize(String parameters) {
        Matcher size = SIZE.matcher(parameters);
        return size.find() ? Long.parseLong(size.group(1)) : 0;
    }

    private void reset() {
        mailFrom = null;
        recipients.clear();
    }

    /** A line without its CRLF, or null at end of stream. Longer lines are cut at limit + 1 (the rest drained). */
    private String readLine(int limit) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() <= limit) {
                line.append((char) c);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    private void reply(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void tryReply(String line) {
        try {
            reply(line);
        } catch (IOException ignored) {
            // the client is gone already
        }
    }
}
