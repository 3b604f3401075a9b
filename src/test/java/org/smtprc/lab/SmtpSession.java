package org.smtprc.lab;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP conversation with a lab host, played according to its personality. Commands are read line by line from
 * a buffer and answered in order, which is all PIPELINING needs.
 */
final class SmtpSession {

    /** RFC 5321 allows 512; a little slack, and anything longer is answered 500 rather than buffered. */
    private static final int MAX_COMMAND_LINE = 4096;
    private static final int MAX_RECIPIENTS = 100;
    /** Transaction commands a disconnect-after-3 host answers before hanging up (EHLO/HELO are not counted). */
    private static final int COMMANDS_BEFORE_HANGUP = 3;
    /** Errors (4xx/5xx replies) in a session after which an error-limits host sleeps before each reply (Postfix). */
    static final int SOFT_ERROR_LIMIT = 10;
    /** Errors in a session after which an error-limits host says 421 and hangs up (Postfix). */
    static final int HARD_ERROR_LIMIT = 20;
    /** Payloads a report must neutralise: HTML, a CSV formula, an ANSI colour escape and a NUL byte. */
    static final String HOSTILE_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(2)> =cmd|' /C calc'!A0 \u001b[31mred\u001b[0m \u0000";
    private static final int GARBAGE_LINE_BYTES = 1024 * 1024 + 4096;
    private static final int GARBAGE_CHUNK_BYTES = 64 * 1024;
    /**
     * A TLS record header (handshake, TLS 1.2, 16,384 bytes long): a client reads it, then waits for the whole record
     * however slowly it comes.
     */
    private static final byte[] TLS_RECORD_HEADER = {0x16, 0x03, 0x03, 0x40, 0x00};
    private static final int ENDLESS_LINES_PER_WRITE = 64;

    private final LabHost host;
    private final Personality personality;
    private final LabServices lab;
    private final Socket plain;
    private final String clientIp;
    private LineReader in;
    private ReplyWriter out;
    private boolean tls;
    private String clientHelo;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private int transactionCommands;
    private int errors;

    SmtpSession(LabHost host, LabServices lab, Socket socket) {
        this.host = host;
        this.personality = host.personality();
        this.lab = lab;
        this.plain = socket;
        this.clientIp = socket.getInetAddress().getHostAddress();
    }

    void run() throws IOException {
        plain.setSoTimeout((int) lab.settings().idleTimeout().toMillis());
        attach(plain);
        try {
            if (greet()) {
                converse();
            }
        } finally {
            out.flush();
        }
    }

    private void converse() throws IOException {
        while (true) {
            LineReader.Line line;
            try {
                line = nextLine(MAX_COMMAND_LINE);
            } catch (SocketTimeoutException idle) {
                out.reply(421, "4.4.2 " + host.name() + " idle too long, closing connection");
                return;
            }
            if (line == null) {
                return;
            }
            host.record(line.text(), lab.settings().commandLogLimit());
            if (line.overlong()) {
                out.reply(500, "5.5.2 Line too long");
            } else if (!answer(line.text())) {
                return;
            }
        }
    }

    /** The next line; replies still held go out first unless more of a pipelined group is waiting. */
    private LineReader.Line nextLine(int maxBytes) throws IOException {
        if (!in.hasBuffered()) {
            out.flush();
        }
        return in.read(maxBytes);
    }

    private void attach(Socket socket) throws IOException {
        in = new LineReader(socket.getInputStream());
        Duration drip = personality == Personality.TARPIT ? lab.settings().tarpitDelay() : Duration.ZERO;
        out = new ReplyWriter(new BufferedOutputStream(socket.getOutputStream()), lab.settings().replyDelay(), drip,
                personality == Personality.MULTILINE);
    }

    /** @return false when the host hangs up right after its greeting */
    private boolean greet() throws IOException {
        String banner = host.name() + " ESMTP SmtpRC lab ready";
        switch (personality) {
            case GREETING_421 -> {
                out.reply(421, "4.3.2 Service not available");
                return false;
            }
            case GREETING_554 -> out.reply(554, "5.7.1 No SMTP service here");
            case MULTILINE -> out.reply(220, host.name() + " ESMTP SmtpRC lab", "this host greets in several lines", "ready");
            case HOSTILE -> out.reply(220, host.name() + " ESMTP " + HOSTILE_TEXT + " ready");
            case HEADER_INJECTION -> out.reply(220, host.name() + " ESMTP", "Bcc: victim@example.org",
                    "Subject: injected\rX-Injected: yes");
            case GARBAGE -> {
                out.raw(garbage());
                writeOverlongLine();
                out.reply(220, banner);
                out.raw(garbage());
            }
            default -> out.reply(220, banner);
        }
        return true;
    }

    /** @return false when the session ends */
    private boolean answer(String command) throws IOException {
        int space = command.indexOf(' ');
        String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : command.substring(space + 1).strip();
        if (personality == Personality.GREETING_554) {
            return refuseService(verb);
        }
        if (personality == Personality.ERROR_LIMITS && !withinErrorLimits()) {
            return false;
        }
        boolean open = switch (verb) {
            case "EHLO" -> ehlo(argument);
            case "HELO" -> helo(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "RSET" -> {
                resetTransaction();
                yield reply(250, "2.0.0 Reset state");
            }
            case "NOOP" -> reply(250, "2.0.0 OK");
            case "VRFY" -> reply(252, "2.1.5 Cannot VRFY user, but will accept message and attempt delivery");
            case "STARTTLS" -> startTls(argument);
            case "AUTH" -> personality == Personality.AUTH_REQUIRED
                    ? reply(535, "5.7.8 Authentication credentials invalid")
                    : reply(502, "5.5.1 AUTH not offered here");
            case "QUIT" -> {
                out.reply(221, "2.0.0 " + host.name() + " closing connection");
                yield false;
            }
            default -> reply(500, "5.5.2 Command not recognised");
        };
        boolean counted = !verb.equals("EHLO") && !verb.equals("HELO");
        if (personality == Personality.DISCONNECT_AFTER_3 && counted && ++transactionCommands >= COMMANDS_BEFORE_HANGUP) {
            return false;
        }
        return open;
    }

    /**
     * Postfix's smtpd_soft_error_limit and smtpd_hard_error_limit: past the soft limit every reply waits the error
     * sleep, past the hard limit the session ends with 421. False when it ended.
     */
    private boolean withinErrorLimits() throws IOException {
        if (errors >= HARD_ERROR_LIMIT) {
            out.reply(421, "4.7.0 " + host.name() + " Error: too many errors");
            return false;
        }
        if (errors >= SOFT_ERROR_LIMIT) {
            out.flush();
            ReplyWriter.pause(lab.settings().errorSleep());
        }
        return true;
    }

    /** RFC 5321 3.1: after a 554 greeting the server answers 503 until the client quits. */
    private boolean refuseService(String verb) throws IOException {
        if (verb.equals("QUIT")) {
            out.reply(221, "2.0.0 closing connection");
            return false;
        }
        return reply(503, "5.5.1 No SMTP service here, please QUIT");
    }

    private boolean ehlo(String argument) throws IOException {
        if (personality == Personality.HELO_ONLY) {
            return reply(500, "5.5.1 EHLO not supported, say HELO");
        }
        if (argument.isEmpty()) {
            return reply(501, "5.5.4 EHLO needs your domain or address literal");
        }
        if (personality == Personality.DRIP_FOREVER) {
            dripForever(("250-" + host.name() + " Hello " + argument + ", this line never ends ")
                    .getBytes(StandardCharsets.ISO_8859_1), ". ".getBytes(StandardCharsets.ISO_8859_1));
            return false;
        }
        if (personality == Personality.ENDLESS_MULTILINE) {
            endlessLines();
            return false;
        }
        greeted(argument);
        List<String> lines = new ArrayList<>();
        lines.add(host.name() + " Hello " + argument + " [" + clientIp + "]"
                + (personality == Personality.HOSTILE ? " " + HOSTILE_TEXT : ""));
        if (lab.settings().pipelining()) {
            lines.add("PIPELINING");
        }
        lines.add("SIZE " + lab.settings().maxMessageBytes());
        if (personality.advertisesStartTls() && !tls) {
            lines.add("STARTTLS");
        }
        if (personality == Personality.AUTH_REQUIRED) {
            lines.add("AUTH PLAIN LOGIN");
        }
        lines.add("8BITMIME");
        out.reply(250, lines);
        return true;
    }

    private boolean helo(String argument) throws IOException {
        if (argument.isEmpty()) {
            return reply(501, "5.5.4 HELO needs your domain or address literal");
        }
        greeted(argument);
        return reply(250, host.name() + " Hello " + argument + " [" + clientIp + "]");
    }

    private void greeted(String helo) {
        clientHelo = helo;
        resetTransaction();
    }

    private boolean mail(String argument) throws IOException {
        if (clientHelo == null) {
            return reply(503, "5.5.1 Say EHLO or HELO first");
        }
        if (mailFrom != null) {
            return reply(503, "5.5.1 Sender already given, RSET first");
        }
        if (personality.offersStartTls() && !tls) {
            return reply(530, "5.7.0 Must issue a STARTTLS command first");
        }
        if (personality == Personality.AUTH_REQUIRED) {
            return reply(530, "5.7.0 Authentication required");
        }
        String path = path(argument, "FROM:");
        if (path == null) {
            return reply(501, "5.5.4 Syntax: MAIL FROM:<address>");
        }
        if (declaredSize(argument) > lab.settings().maxMessageBytes()) {
            return reply(552, "5.3.4 Message size exceeds the limit of " + lab.settings().maxMessageBytes() + " bytes");
        }
        mailFrom = path;
        return reply(250, "2.1.0 Sender <" + path + "> OK" + hostileSuffix());
    }

    private boolean rcpt(String argument) throws IOException {
        if (mailFrom == null) {
            return reply(503, "5.5.1 Need MAIL before RCPT");
        }
        String path = path(argument, "TO:");
        if (path == null || path.isEmpty()) {
            return reply(501, "5.5.4 Syntax: RCPT TO:<address>");
        }
        if (recipients.size() == MAX_RECIPIENTS) {
            return reply(452, "4.5.3 Too many recipients");
        }
        RelayAddress address = RelayAddress.decode(path);
        if (!relaysTo(address)) {
            if (personality == Personality.HUGE_REPLY) {
                errors++;
                out.raw(("550 5.7.1 <" + path + ">: Relaying denied ").getBytes(StandardCharsets.ISO_8859_1));
                writeOverlongLine();
                return true;
            }
            return reply(550, "5.7.1 <" + path + ">: Relaying denied");
        }
        if (personality == Personality.GREYLIST && host.firstSighting(clientIp, mailFrom, path)) {
            return reply(450, "4.7.1 <" + path + ">: Greylisted, please try again later");
        }
        recipients.add(address.mailbox());
        return reply(250, "2.1.5 Recipient <" + path + "> OK" + hostileSuffix());
    }

    private boolean relaysTo(RelayAddress address) {
        return personality.loophole()
                .map(family -> family == address.family())
                .orElse(personality.delivers() || personality.takesAnyRecipient());
    }

    private boolean data() throws IOException {
        if (recipients.isEmpty()) {
            return reply(503, "5.5.1 Need RCPT before DATA");
        }
        out.reply(354, "End data with <CR><LF>.<CR><LF>");
        if (personality == Personality.NEVER_READS) {
            // Reads no more and says nothing: the client's message fills our small receive buffer, then its own.
            out.flush();
            ReplyWriter.pause(lab.settings().idleTimeout());
            return false;
        }
        int limit = lab.settings().maxMessageBytes();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean tooBig = false;
        while (true) {
            LineReader.Line line = nextLine(limit);
            if (line == null) {
                return false;
            }
            byte[] bytes = line.bytes();
            if (bytes.length == 1 && bytes[0] == '.' && !line.overlong()) {
                break;
            }
            int skip = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
            tooBig |= line.overlong() || message.size() + bytes.length - skip + 2 > limit;
            if (!tooBig) {
                message.write(bytes, skip, bytes.length - skip);
                message.writeBytes(new byte[]{'\r', '\n'});
            }
        }
        if (personality == Personality.STALL_AFTER_DATA) {
            stallUntilTheClientLeaves();
            return false;
        }
        if (tooBig) {
            resetTransaction();
            return reply(552, "5.3.4 Message size exceeds the limit of " + limit + " bytes");
        }
        String queueId = lab.nextQueueId();
        if (personality.delivers()) {
            handOn(message.toByteArray(), queueId);
        }
        resetTransaction();
        return reply(250, "2.0.0 Queued as " + queueId + hostileSuffix());
    }

    private void handOn(byte[] message, String queueId) {
        byte[] relayed = personality == Personality.OPEN_RELAY_ANONYMOUS
                ? TraceHeaders.stripTrace(message)
                : TraceHeaders.prepend(TraceHeaders.received(clientHelo, clientIp, host.name(), queueId,
                        recipients.size() == 1 ? recipients.getFirst() : null, tls), message);
        Duration hold = personality == Personality.OPEN_RELAY_LATE ? lab.settings().lateDelivery() : Duration.ZERO;
        lab.courier().send(new RelayedMessage(host.inetAddress(), host.name(), mailFrom, List.copyOf(recipients), relayed), hold);
    }

    private boolean startTls(String argument) throws IOException {
        if (personality == Personality.TLS_DRIP) {
            out.reply(220, "2.0.0 Ready to start TLS");
            out.flush();
            // answer the client's hello, as a server does: a record sent before it could be read as part of the 220
            if (plain.getInputStream().read(new byte[MAX_COMMAND_LINE]) < 0) {
                return false;
            }
            dripForever(TLS_RECORD_HEADER, new byte[]{0});
            return false;
        }
        if (!personality.offersStartTls()) {
            return reply(502, "5.5.1 STARTTLS not offered here");
        }
        if (tls) {
            return reply(503, "5.5.1 TLS already active");
        }
        if (!argument.isEmpty()) {
            return reply(501, "5.5.4 STARTTLS takes no argument");
        }
        out.reply(220, "2.0.0 Ready to start TLS");
        out.flush();
        SSLSocket secured = (SSLSocket) lab.tls().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        // RFC 3207: the client must greet again, and anything it pipelined before the handshake is discarded
        attach(secured);
        tls = true;
        clientHelo = null;
        resetTransaction();
        return true;
    }

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
    }

    private boolean reply(int code, String text) throws IOException {
        if (code >= 400) {
            errors++;
        }
        out.reply(code, text);
        return true;
    }

    private String hostileSuffix() {
        return personality == Personality.HOSTILE ? " " + HOSTILE_TEXT : "";
    }

    /** The path between angle brackets after {@code keyword}, or null when the command is malformed. */
    private static String path(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        String rest = argument.substring(keyword.length()).strip();
        int close = rest.indexOf('>');
        return rest.startsWith("<") && close > 0 ? rest.substring(1, close) : null;
    }

    private static long declaredSize(String argument) {
        for (String parameter : argument.split(" ")) {
            if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
                try {
                    return Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException notANumber) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * Writes {@code start}, then {@code filler} a byte at a time, each after the tarpit delay, until the client hangs
     * up or the lab closes.
     */
    private void dripForever(byte[] start, byte[] filler) throws IOException {
        out.flush();
        OutputStream raw = plain.getOutputStream();
        raw.write(start);
        raw.flush();
        for (int i = 0; ; i = (i + 1) % filler.length) {
            ReplyWriter.pause(lab.settings().tarpitDelay());
            raw.write(filler[i]);
            raw.flush();
        }
    }

    /** Continuation lines of one reply, as fast as the client reads them, until it hangs up or the lab closes. */
    private void endlessLines() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ENDLESS_LINES_PER_WRITE; i++) {
            lines.append("250-").append(host.name()).append(" and there is more to say\r\n");
        }
        byte[] chunk = lines.toString().getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            out.raw(chunk);
            out.flush();
        }
    }

    /** Reads and drops whatever comes until the client hangs up or stays idle too long; answers nothing. */
    private void stallUntilTheClientLeaves() throws IOException {
        out.flush();
        for (LineReader.Line line = in.read(MAX_COMMAND_LINE); line != null; line = in.read(MAX_COMMAND_LINE)) {
            host.record(line.text(), lab.settings().commandLogLimit());
        }
    }

    private static byte[] garbage() {
        return "\u0000\u0001\u0002\u001b[2J\u001b]0;owned\u0007\u00ff\u00fe\u0080binary\u0000noise\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private void writeOverlongLine() throws IOException {
        byte[] chunk = new byte[GARBAGE_CHUNK_BYTES];
        Arrays.fill(chunk, (byte) 'A');
        for (int written = 0; written < GARBAGE_LINE_BYTES; written += chunk.length) {
            out.raw(chunk);
        }
        out.raw(new byte[]{'\r', '\n'});
    }
}
