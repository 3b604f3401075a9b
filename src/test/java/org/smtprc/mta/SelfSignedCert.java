package org.smtprc.mta;

import java.nio.file.Path;
import java.time.Duration;

/** A throw-away self-signed certificate and key for STARTTLS, made with openssl (EC P-256: quick to generate). */
record SelfSignedCert(Path certificate, Path key) {

    static SelfSignedCert generate(Path dir, String hostname) {
        Path cert = dir.resolve("tls-cert.pem");
        Path key = dir.resolve("tls-key.pem");
        Commands.check(Duration.ofSeconds(20), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=" + hostname,
                "-keyout", key.toString(), "-out", cert.toString());
        return new SelfSignedCert(cert, key);
    }
}
