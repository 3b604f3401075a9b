package org.smtprc.proof;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ProofTokenTest {

    private final ProofToken token = new ProofToken(newKey());
    private final TokenClaim claim = new TokenClaim(42, "127.0.1.8", 2525, "percent-ip");

    @Test
    void aMintedTokenVerifiesToItsClaim() {
        String minted = token.mint(claim);
        assertThat(minted).startsWith(ProofToken.PREFIX).matches("SRC1-[A-Z2-7]+");
        assertThat(token.verify(minted)).contains(claim);
        assertThat(token.verify(minted.toLowerCase())).contains(claim);
    }

    @Test
    void ipv6HostsRoundTrip() {
        TokenClaim v6 = new TokenClaim(7, "::1", 25, "plain");
        assertThat(token.verify(token.mint(v6))).contains(v6);
    }

    @Test
    void everyAlteredCharacterIsRejected() {
        String minted = token.mint(claim);
        for (int i = ProofToken.PREFIX.length(); i < minted.length(); i++) {
            char swapped = minted.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = minted.substring(0, i) + swapped + minted.substring(i + 1);
            assertThat(token.verify(tampered)).as("tampered at %d", i).isEmpty();
        }
    }

    @Test
    void truncatedForeignAndGarbageTokensAreRejected() {
        String minted = token.mint(claim);
        assertThat(token.verify(minted.substring(0, minted.length() - 1))).isEmpty();
        assertThat(token.verify(minted.substring(0, 20))).isEmpty();
        assertThat(new ProofToken(newKey()).verify(minted)).isEmpty();
        assertThat(token.verify("SRC1-")).isEmpty();
        assertThat(token.verify("SRC1-0189")).isEmpty();
        assertThat(token.verify(null)).isEmpty();
    }

    @Test
    void aClaimForAnotherHostCannotBeForgedFromAValidOne() {
        TokenClaim other = new TokenClaim(42, "127.0.1.9", 2525, "percent-ip");
        String mintedWithOtherKey = new ProofToken(newKey()).mint(other);
        assertThat(token.verify(mintedWithOtherKey)).isEmpty();
    }

    @Test
    void candidatesSurviveQuotedPrintableSoftBreaksAndEscapes() {
        String minted = token.mint(claim);
        String qp = "Content-Transfer-Encoding: quoted-printable\r\n\r\nToken: " + minted.substring(0, 30) + "=\r\n"
                + minted.substring(30) + "=3D\r\n";
        assertThat(verifiedIn(qp)).contains(claim);
    }

    @Test
    void candidatesSurviveBase64BodiesAndQuotedReplies() {
        String minted = token.mint(claim);
        String base64 = Base64.getMimeEncoder().encodeToString(("Token: " + minted + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String message = "Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n";
        assertThat(verifiedIn(message)).contains(claim);

        String quoted = "> Token: " + minted.substring(0, 40) + "=\r\n> " + minted.substring(40) + "\r\n";
        assertThat(verifiedIn(quoted)).contains(claim);
    }

    @Test
    void oneValidTokenAmongForgedOnesIsFound() {
        String minted = token.mint(claim);
        String forged = new ProofToken(newKey()).mint(new TokenClaim(1, "127.0.0.9", 25, "plain"));
        List<String> found = ProofToken.candidates("X-SmtpRC-Token: " + forged + "\r\n\r\nToken: " + minted + "\r\n");
        assertThat(found).hasSize(2);
        assertThat(found.stream().map(token::verify).flatMap(Optional::stream)).containsExactly(claim);
    }

    @Test
    void aBase64PartOfManyShortLinesIsSearchedWithoutDeepRecursion() throws Exception {
        String minted = token.mint(claim);
        String filler = "x".repeat(150 * 1024);
        String withToken = shortLinedBase64Message(filler + "\r\nToken: " + minted + "\r\n" + filler);
        String withoutToken = shortLinedBase64Message(filler + filler);
        assertThat(withToken.length()).isGreaterThan(200 * 1024);

        assertThat(onASmallStack(() -> verifiedIn(withToken))).contains(claim);
        assertThat(onASmallStack(() -> ProofToken.candidates(withoutToken))).isEmpty();
    }

    @Test
    void deeplyNestedMultipartsAreSearchedWithoutDeepRecursion() throws Exception {
        String minted = token.mint(claim);
        StringBuilder message = new StringBuilder("Subject: nested\r\n");
        int depth = 1_000;
        for (int i = 0; i < depth; i++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b")
                    .append(i).append("\r\n");
        }
        message.append("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(("Token: " + minted).getBytes(StandardCharsets.US_ASCII)))
                .append("\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            message.append("--b").append(i).append("--\r\n");
        }

        assertThat(onASmallStack(() -> verifiedIn(message.toString()))).contains(claim);
    }

    @Test
    void tenThousandHeaderLinesAreSearchedWithoutDeepRecursion() throws Exception {
        String minted = token.mint(claim);
        String headers = "Content-Transfer-Encoding: base64\r\n"
                + "X-Filler: a short line\r\n\tfolded once\r\n".repeat(5_000);
        String folded = "X-SmtpRC-Token: " + minted.substring(0, 33) + "\r\n " + minted.substring(33) + "\r\n";

        assertThat(onASmallStack(() -> verifiedIn(headers + folded + "\r\nbody\r\n"))).contains(claim);
        assertThat(onASmallStack(() -> ProofToken.candidates(headers + "\r\nbody\r\n"))).isEmpty();
    }

    @Test
    void aNulByteNeitherStopsNorBreaksTheSearch() throws Exception {
        String minted = token.mint(claim);
        String message = "Subject: \0nul\r\n\r\nbefore\0after\r\nToken: " + minted + "\0\r\n";
        assertThat(onASmallStack(() -> verifiedIn(message))).contains(claim);
    }

    @Test
    void aTokenSplitAcrossManyQuotedPrintableSoftBreaksIsFound() throws Exception {
        String minted = token.mint(claim);
        StringBuilder qp = new StringBuilder("Content-Transfer-Encoding: quoted-printable\r\n\r\nToken: ");
        for (int i = 0; i < minted.length(); i += 7) {
            qp.append(minted, i, Math.min(minted.length(), i + 7)).append(i % 2 == 0 ? "=\r\n" : "=\n> > ");
        }
        qp.append("\r\n").append("=\r\n".repeat(10_000)).append("end\r\n");

        assertThat(onASmallStack(() -> verifiedIn(qp.toString()))).contains(claim);
    }

    /** A message whose base64 part has lines of 4 characters, as a hostile sender may wrap it. */
    private static String shortLinedBase64Message(String text) {
        String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
        StringBuilder lines = new StringBuilder("Subject: x\r\nContent-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
        for (int i = 0; i < encoded.length(); i += 4) {
            lines.append(encoded, i, Math.min(encoded.length(), i + 4)).append("\r\n");
        }
        return lines.append("\r\n").toString();
    }

    /**
     * Runs the search on a thread with a 256 KiB stack: a search that recursed once per line or part would
     * overflow it on these messages, as the regular expression did on about 1,200 lines of base64.
     */
    private static <T> T onASmallStack(Callable<T> search) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(search.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack-search", 256 * 1024);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the search failed on a 256 KiB stack: " + failure.get(), failure.get());
        }
        return result.get();
    }

    private Optional<TokenClaim> verifiedIn(String message) {
        return ProofToken.candidates(message).stream().map(token::verify).flatMap(Optional::stream).findFirst();
    }

    /** A fresh random key, as an installation would keep in its credential store. */
    static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
