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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern TOKEN = Pattern.compile("SRC1-[A-Z2-7]{24,400}", Pattern.CASE_INSENSITIVE);
    /** A quoted-printable soft line break, and the "> " quoting a reply may have put after it. */
    private static final Pattern QP_SOFT_BREAK = Pattern.compile("=\r?\n(?:[ \t]*>)*[ \t]?");
    private static final Pattern BASE64_PART = Pattern.compile(
            "(?is)content-transfer-encoding:[ \t]*base64[^\n]*\r?\n(?:[^\r\n]+\r?\n)*?\r?\n((?:[A-Za-z0-9+/=]+\r?\n?)+)");
    private static final Pattern QP_ESCAPE = Pattern.compile("=([0-9A-Fa-f]{2})");

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
     * breaks (also inside quoted replies), undoing =XX escapes, and decoding base64 parts. Distinct, in order found.
     */
    public static List<String> candidates(String message) {
        if (message == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        collect(message, found);
        String joined = QP_SOFT_BREAK.matcher(message).replaceAll("");
        collect(joined, found);
        collect(QP_ESCAPE.matcher(joined).replaceAll(m -> Character.toString((char) Integer.parseInt(m.group(1), 16))
                .replace("\\", "\\\\").replace("$", "\\$")), found);
        Matcher base64 = BASE64_PART.matcher(message);
        while (base64.find()) {
            try {
                byte[] decoded = Base64.getMimeDecoder().decode(base64.group(1));
                collect(new String(decoded, StandardCharsets.ISO_8859_1), found);
            } catch (IllegalArgumentException notBase64) {
                // a part that only claims to be base64 proves nothing
            }
        }
        return new ArrayList<>(found);
    }

    private static void collect(String text, Set<String> found) {
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            found.add(PREFIX + matcher.group().substring(PREFIX.length()).toUpperCase(Locale.ROOT));
        }
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
