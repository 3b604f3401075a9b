package org.smtprc.proof;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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
