package org.smtprc.proof;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import org.smtprc.addresses.Endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The token a probe message carries: the claim (scan, host, port, form) itself plus a 128-bit HMAC-SHA256 over
 * it with the installation's key, so that mail nobody sent cannot mark a host. Written as {@code SRC1-} and
 * base32 (A-Z, 2-7): nothing a mail system re-encodes, quotes or re-wraps (QP, base64, header folding) alters
 * those characters, and {@link #candidates} undoes what it may do around them.
 */
public final class ProofToken {

    public static final String PREFIX = "SRC1-";
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    /** Base32 characters after the prefix: the shortest and longest token the search takes. */
    private static final int TOKEN_MIN_CHARS = 24;
    private static final int TOKEN_MAX_CHARS = 400;
    private static final String BASE64_HEADER = "content-transfer-encoding:";
    private static final String BASE64 = "base64";

    private final SecretKeySpec key;

    public ProofToken(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a token key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String mint(TokenClaim claim) {
        byte[] body = encode(claim);
        byte[] mac = mac(body);
        byte[] token = ByteBuffer.allocate(body.length + MAC_BYTES).put(body).put(mac, 0, MAC_BYTES).array();
        return PREFIX + Base32.encode(token);
    }

    /** The claim, if the token is well-formed and its MAC is ours; empty for anything tampered or foreign. */
    public Optional<TokenClaim> verify(String token) {
        if (token == null || !token.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] raw = Base32.decode(token.substring(PREFIX.length()).toUpperCase(Locale.ROOT));
        if (raw == null || raw.length <= MAC_BYTES) {
            return Optional.empty();
        }
        int bodyLength = raw.length - MAC_BYTES;
        byte[] body = new byte[bodyLength];
        byte[] mac = new byte[MAC_BYTES];
        System.arraycopy(raw, 0, body, 0, bodyLength);
        System.arraycopy(raw, bodyLength, mac, 0, MAC_BYTES);
        byte[] expected = new byte[MAC_BYTES];
        System.arraycopy(mac(body), 0, expected, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, mac)) {
            return Optional.empty();
        }
        return decode(body);
    }

    /**
     * Token-looking strings anywhere in a message: headers or body, after joining quoted-printable soft line
     * breaks (also inside quoted replies), undoing =XX escapes, unfolding folded lines, and decoding base64
     * parts. Distinct, in order found.
     *
     * <p>Every byte of the message comes from a stranger, so each view is made by one linear pass of plain code:
     * no regular expression whose repetitions recurse once per line (one did, and about 1,200 short base64 lines
     * overflowed the stack), no recursion over MIME nesting, no search that starts over for each header.
     */
    public static List<String> candidates(String message) {
        if (message == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        collect(message, found);
        String joined = withoutSoftBreaks(message);
        collect(joined, found);
        collect(unescaped(joined), found);
        collect(unfolded(message), found);
        for (String part : base64Parts(message)) {
            try {
                collect(new String(Base64.getMimeDecoder().decode(part), StandardCharsets.ISO_8859_1), found);
            } catch (IllegalArgumentException notBase64) {
                // a part that only claims to be base64 proves nothing
            }
        }
        return new ArrayList<>(found);
    }

    /** Each {@code SRC1-} (any case) followed by 24 to 400 base32 characters; the search resumes after each. */
    private static void collect(String text, Set<String> found) {
        int at = 0;
        while ((at = indexOfPrefix(text, at)) >= 0) {
            int start = at + PREFIX.length();
            int end = start;
            while (end < text.length() && end - start < TOKEN_MAX_CHARS && isBase32(text.charAt(end))) {
                end++;
            }
            if (end - start >= TOKEN_MIN_CHARS) {
                found.add(PREFIX + text.substring(start, end).toUpperCase(Locale.ROOT));
                at = end;
            } else {
                at++;
            }
        }
    }

    /**
     * Quoted-printable soft line breaks ({@code =} at the end of a line) removed, with the {@code "> "} quoting
     * a reply may have put at the start of the continued line.
     */
    private static String withoutSoftBreaks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int continued = text.charAt(i) == '=' ? afterLineBreak(text, i + 1) : -1;
            if (continued < 0) {
                out.append(text.charAt(i++));
            } else {
                i = afterReplyQuoting(text, continued);
            }
        }
        return out.toString();
    }

    /** Quoted-printable {@code =XX} escapes decoded. */
    private static String unescaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '=' && i + 2 < text.length() && isAsciiHex(text.charAt(i + 1)) && isAsciiHex(text.charAt(i + 2))) {
                out.append((char) Integer.parseInt(text, i + 1, i + 3, 16));
                i += 3;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Folded lines joined: a line break followed by spaces or tabs is removed with them. */
    private static String unfolded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int next = afterLineBreak(text, i);
            if (next > 0 && next < text.length() && isBlank(text.charAt(next))) {
                i = next;
                while (i < text.length() && isBlank(text.charAt(i))) {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * The bodies of parts that declare {@code Content-Transfer-Encoding: base64}: after such a header line, the
     * first empty line starts the body, which runs as long as lines hold base64 characters. One pass over the
     * lines, however deeply the parts nest and however many headers come before the empty line.
     */
    private static List<String> base64Parts(String message) {
        List<String> parts = new ArrayList<>();
        boolean declared = false;
        int line = 0;
        while (line < message.length()) {
            int newline = message.indexOf('\n', line);
            int next = newline < 0 ? message.length() : newline + 1;
            int end = newline < 0 ? message.length() : newline;
            if (end > line && message.charAt(end - 1) == '\r') {
                end--;
            }
            if (declared && end == line) {
                int bodyEnd = base64Run(message, next);
                if (bodyEnd > next) {
                    parts.add(message.substring(next, bodyEnd));
                }
                declared = false;
                line = bodyEnd;
            } else {
                declared |= declaresBase64(message, line, end);
                line = next;
            }
        }
        return parts;
    }

    /** Whether the line (from, to) holds {@code content-transfer-encoding:}, blanks, then {@code base64}. */
    private static boolean declaresBase64(String text, int from, int to) {
        for (int at = from; at + BASE64_HEADER.length() <= to; at++) {
            if (startsWithIgnoringAsciiCase(text, at, BASE64_HEADER)) {
                int value = at + BASE64_HEADER.length();
                while (value < to && isBlank(text.charAt(value))) {
                    value++;
                }
                return value + BASE64.length() <= to && startsWithIgnoringAsciiCase(text, value, BASE64);
            }
        }
        return false;
    }

    /** The end of the base64 text starting at {@code from}: runs of base64 characters, each ending a line. */
    private static int base64Run(String text, int from) {
        int end = from;
        int i = from;
        while (true) {
            int run = i;
            while (i < text.length() && isBase64(text.charAt(i))) {
                i++;
            }
            if (i == run) {
                return end;
            }
            if (i < text.length() && text.charAt(i) == '\r') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '\n') {
                i++;
            }
            end = i;
        }
    }

    /** The index after a line break ({@code \r\n} or {@code \n}) at {@code at}, or -1 when there is none. */
    private static int afterLineBreak(String text, int at) {
        int i = at;
        if (i < text.length() && text.charAt(i) == '\r') {
            i++;
        }
        return i < text.length() && text.charAt(i) == '\n' ? i + 1 : -1;
    }

    /** Past any {@code >} reply markers (each after optional blanks), then one blank. */
    private static int afterReplyQuoting(String text, int at) {
        int i = at;
        while (true) {
            int marker = i;
            while (marker < text.length() && isBlank(text.charAt(marker))) {
                marker++;
            }
            if (marker < text.length() && text.charAt(marker) == '>') {
                i = marker + 1;
            } else {
                break;
            }
        }
        return i < text.length() && isBlank(text.charAt(i)) ? i + 1 : i;
    }

    private static int indexOfPrefix(String text, int from) {
        for (int at = from; at + PREFIX.length() <= text.length(); at++) {
            if (startsWithIgnoringAsciiCase(text, at, PREFIX)) {
                return at;
            }
        }
        return -1;
    }

    /** ASCII-only case folding, as in the protocols (no Unicode folding of, say, the long s into an s). */
    private static boolean startsWithIgnoringAsciiCase(String text, int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (asciiLower(text.charAt(at + i)) != asciiLower(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isBase32(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private byte[] mac(byte[] body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] encode(TokenClaim claim) {
        byte[] address = literalBytes(claim.host());
        byte[] form = claim.form().getBytes(StandardCharsets.UTF_8);
        if (form.length > 255) {
            throw new IllegalArgumentException("form name too long for a token: " + claim.form());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(claim.scanId()).array());
        out.write(claim.port() >>> 8);
        out.write(claim.port());
        out.write(address.length);
        out.writeBytes(address);
        out.write(form.length);
        out.writeBytes(form);
        return out.toByteArray();
    }

    private static Optional<TokenClaim> decode(byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            if (in.get() != VERSION) {
                return Optional.empty();
            }
            long scanId = in.getLong();
            int port = ((in.get() & 0xff) << 8) | (in.get() & 0xff);
            byte[] address = new byte[in.get() & 0xff];
            in.get(address);
            byte[] form = new byte[in.get() & 0xff];
            in.get(form);
            if (in.hasRemaining()) {
                return Optional.empty();
            }
            Endpoint endpoint = new Endpoint(InetAddress.getByAddress(address), port);
            return Optional.of(new TokenClaim(scanId, endpoint.host(), port, new String(form, StandardCharsets.UTF_8)));
        } catch (RuntimeException | UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    /** Address literal text to bytes, without the resolver (a token never names a host by name). */
    private static byte[] literalBytes(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("a token names an address, not \"" + host + "\"");
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }
}
