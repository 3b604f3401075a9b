package org.smtprc.bench;

import org.smtprc.probe.RelayForm;
import org.smtprc.addresses.Endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The ceiling: the same relay-test battery spoken the same way as the product (greeting, EHLO; every form's RSET
 * (from the second form on), MAIL and RCPT in one pipelined group; for the first accepted form, RSET, MAIL and
 * RCPT again, DATA and the message, trying the next accepted form if the message is refused; then QUIT), driven
 * by one thread over a java.nio Selector with no evidence, no database and no batch runtime. It only reads reply
 * codes. With {@code pipelining} false it speaks to servers that do not offer PIPELINING as the product does: one
 * command, then its reply, then the next.
 */
final class BareSmtpLoop {

    record Result(long addresses, long refused, long conversations, long accepted, long nanos) {
        double addressesPerSecond() {
            return addresses / (nanos / 1e9);
        }
    }

    private enum Phase { CONNECT, GREETING, EHLO, SCREEN, ENVELOPE, DATA, MESSAGE, QUIT }

    private final List<RelayForm> forms;
    private final byte[] message;
    private final int port;
    private final int concurrency;
    private final Duration limit;
    private final boolean pipelining;

    private long refused;
    private long conversations;
    private long accepted;

    BareSmtpLoop(List<RelayForm> forms, int port, int concurrency, Duration limit) {
        this(forms, port, concurrency, limit, true);
    }

    BareSmtpLoop(List<RelayForm> forms, int port, int concurrency, Duration limit, boolean pipelining) {
        this.pipelining = pipelining;
        this.forms = forms;
        this.message = probeMessage();
        this.port = port;
        this.concurrency = concurrency;
        this.limit = limit;
    }

    /** Runs the battery against every address of [first, first + count), {@code concurrency} at a time. */
    Result run(int first, int count) throws IOException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int next = 0;
        int open = 0;
        int done = 0;
        try (Selector selector = Selector.open()) {
            while (done < count) {
                while (open < concurrency && next < count) {
                    if (connect(selector, first + next++)) {
                        open++;
                    } else {
                        done++;
                    }
                }
                selector.select(100);
                for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!((Conversation) key.attachment()).step(key)) {
                        key.cancel();
                        key.channel().close();
                        open--;
                        done++;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare loop did not finish within " + limit + " (" + done
                            + " of " + count + " addresses done): is the lab answering?");
                }
            }
        }
        return new Result(count, refused, conversations, accepted, System.nanoTime() - started);
    }

    /** @return false when the address refused at once (loopback often answers the SYN before connect returns) */
    private boolean connect(Selector selector, int address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InetAddress target = inet(address);
        Conversation conversation = new Conversation(new Endpoint(target, port));
        try {
            if (channel.connect(new InetSocketAddress(target, port))) {
                conversation.connected();
                channel.register(selector, SelectionKey.OP_READ, conversation);
                return true;
            }
        } catch (IOException refusedAtOnce) {
            refused++;
            channel.close();
            return false;
        }
        channel.register(selector, SelectionKey.OP_CONNECT, conversation);
        return true;
    }

    /** One host's conversation as a small state machine. */
    private final class Conversation {
        private final Endpoint endpoint;
        private final ByteBuffer in = ByteBuffer.allocate(8192);
        private ByteBuffer out;
        private Phase phase = Phase.CONNECT;
        private int awaiting;
        /** Screening: the reply expected next, and whether the current form's MAIL was accepted. */
        private int replyIndex;
        private boolean mailAccepted;
        private final ArrayDeque<Integer> acceptedForms = new ArrayDeque<>();
        /** Without PIPELINING: the commands of a group still to send, each after the previous one's reply. */
        private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
        private int envelopeCode;

        Conversation(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        void connected() {
            conversations++;
            phase = Phase.GREETING;
            awaiting = 1;
        }

        /** @return false when the conversation is over */
        boolean step(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            if (phase == Phase.CONNECT) {
                try {
                    channel.finishConnect();
                } catch (IOException e) {
                    refused++;
                    return false;
                }
                connected();
                key.interestOps(SelectionKey.OP_READ);
                return true;
            }
            if (key.isWritable() && !flush(key)) {
                return true;
            }
            if (!key.isReadable()) {
                return true;
            }
            if (channel.read(in) < 0) {
                return false;
            }
            in.flip();
            int lineStart = in.position();
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) != '\n') {
                    continue;
                }
                boolean last = i - lineStart < 4 || in.get(lineStart + 3) != '-';
                int code = i - lineStart >= 3 ? (in.get(lineStart) - '0') * 100 + (in.get(lineStart + 1) - '0') * 10
                        + (in.get(lineStart + 2) - '0') : 0;
                lineStart = i + 1;
                if (last && !reply(key, code)) {
                    return false;
                }
            }
            in.position(lineStart);
            in.compact();
            return true;
        }

        /** Handles one complete reply; false ends the conversation. */
        private boolean reply(SelectionKey key, int code) throws IOException {
            awaiting--;
            if (!queued.isEmpty()) {
                out = ByteBuffer.wrap(queued.poll());
                flush(key);
            }
            switch (phase) {
                case GREETING -> {
                    return code / 100 == 2 ? send(key, Phase.EHLO, 1, "EHLO bench.smtprc.test\r\n")
                            : send(key, Phase.QUIT, 1, "QUIT\r\n");
                }
                case EHLO -> {
                    return screen(key);
                }
                case SCREEN -> {
                    // replies come as [RSET] MAIL RCPT per form; the first form has no RSET
                    int position = replyIndex++;
                    int form = position < 2 ? 0 : 1 + (position - 2) / 3;
                    int role = position < 2 ? position + 1 : (position - 2) % 3;
                    if (role == 1) {
                        mailAccepted = code / 100 == 2;
                    } else if (role == 2 && mailAccepted && code / 100 == 2) {
                        acceptedForms.add(form);
                    }
                    return awaiting > 0 || deliverNext(key);
                }
                case ENVELOPE -> {
                    if (awaiting == 1) {
                        envelopeCode = code;
                    }
                    if (awaiting > 0) {
                        return true;
                    }
                    return envelopeCode / 100 == 2 && code / 100 == 2 ? send(key, Phase.DATA, 1, "DATA\r\n")
                            : deliverNext(key);
                }
                case DATA -> {
                    return code == 354 ? send(key, Phase.MESSAGE, 1, message) : deliverNext(key);
                }
                case MESSAGE -> {
                    if (code / 100 == 2) {
                        accepted++;
                        return send(key, Phase.QUIT, 1, "QUIT\r\n");
                    }
                    return deliverNext(key);
                }
                default -> {
                    return false;
                }
            }
        }

        private boolean screen(SelectionKey key) throws IOException {
            StringBuilder group = new StringBuilder();
            for (int form = 0; form < forms.size(); form++) {
                RelayForm envelope = envelope(form);
                group.append(form == 0 ? "" : "RSET\r\n").append("MAIL FROM:").append(envelope.mailFrom())
                        .append("\r\nRCPT TO:").append(envelope.rcptTo()).append("\r\n");
            }
            return send(key, Phase.SCREEN, 3 * forms.size() - 1, group.toString());
        }

        /** The next accepted form's own transaction for the message, or QUIT when none is left. */
        private boolean deliverNext(SelectionKey key) throws IOException {
            Integer form = acceptedForms.poll();
            if (form == null) {
                return send(key, Phase.QUIT, 1, "QUIT\r\n");
            }
            RelayForm envelope = envelope(form);
            return send(key, Phase.ENVELOPE, 3, "RSET\r\nMAIL FROM:" + envelope.mailFrom() + "\r\nRCPT TO:"
                    + envelope.rcptTo() + "\r\n");
        }

        private RelayForm envelope(int form) {
            return forms.get(form).expand(new RelayForm.Macros("relaytest", "probe.smtprc.invalid", endpoint, null,
                    "bench.smtprc.test"));
        }

        private boolean send(SelectionKey key, Phase next, int replies, String commands) throws IOException {
            if (pipelining || replies == 1) {
                return send(key, next, replies, commands.getBytes(StandardCharsets.US_ASCII));
            }
            int end = commands.indexOf('\n') + 1;
            for (int from = end; from < commands.length(); ) {
                int to = commands.indexOf('\n', from) + 1;
                queued.add(commands.substring(from, to).getBytes(StandardCharsets.US_ASCII));
                from = to;
            }
            return send(key, next, replies, commands.substring(0, end).getBytes(StandardCharsets.US_ASCII));
        }

        private boolean send(SelectionKey key, Phase next, int replies, byte[] bytes) throws IOException {
            phase = next;
            awaiting = replies;
            out = ByteBuffer.wrap(bytes);
            flush(key);
            return true;
        }

        /** Writes what is pending; true when all of it went out. */
        private boolean flush(SelectionKey key) throws IOException {
            ((SocketChannel) key.channel()).write(out);
            boolean all = !out.hasRemaining();
            key.interestOps(all ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return all;
        }
    }

    /** The product's message template, CRLF line ends and ended by CRLF.CRLF, with its placeholders left as text. */
    private static byte[] probeMessage() {
        try (InputStream template = BareSmtpLoop.class.getResourceAsStream("/smtprc/probe-message.txt")) {
            if (template == null) {
                throw new IllegalStateException("the product's probe message template is not on the class path");
            }
            String text = new String(template.readAllBytes(), StandardCharsets.US_ASCII);
            StringBuilder data = new StringBuilder();
            for (String line : text.split("\r?\n", -1)) {
                data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            }
            return data.append(".\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress inet(int address) {
        try {
            return InetAddress.getByAddress(new byte[]{(byte) (address >>> 24), (byte) (address >>> 16),
                    (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
