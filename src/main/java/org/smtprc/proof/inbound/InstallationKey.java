package org.smtprc.proof.inbound;

import jakarta.persistence.*;

/** The installation's token key: generated once, shared by every node that uses the same database. */
@Entity
@Table(name = "installation_key")
public class InstallationKey {

    public static final String TOKEN_KEY = "token-hmac";

    @Id
    @Column(length = 32)
    private String name;

    @Column(name = "key_bytes", nullable = false, length = 64)
    private byte[] bytes;

    protected InstallationKey() {
    }

    public InstallationKey(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes.clone();
    }

    public byte[] getBytes() {
        return bytes.clone();
    }
}
