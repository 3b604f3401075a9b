package org.smtprc.proof;

/** What a proof token vouches for: this scan sent this relay test (form) to this host and port. */
public record TokenClaim(long scanId, String host, int port, String form) {
}
