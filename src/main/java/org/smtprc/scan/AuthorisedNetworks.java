package org.smtprc.scan;

import jakarta.persistence.*;

import java.time.Instant;

/** The networks this installation may scan, as last set by an operator (overrides smtprc.scope). */
@Entity
@Table(name = "authorised_networks")
public class AuthorisedNetworks {

    public static final int ONLY = 1;

    @Id
    private int id = ONLY;

    @Lob
    @Column(nullable = false)
    private String networks;

    @Column(name = "changed_by", nullable = false, length = 128)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected AuthorisedNetworks() {
    }

    public AuthorisedNetworks(String networks, String changedBy, Instant changedAt) {
        change(networks, changedBy, changedAt);
    }

    public void change(String networks, String changedBy, Instant changedAt) {
        this.networks = networks;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String getNetworks() { return networks; }
    public String getChangedBy() { return changedBy; }
    public Instant getChangedAt() { return changedAt; }
}
