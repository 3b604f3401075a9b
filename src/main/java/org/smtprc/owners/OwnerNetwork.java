package org.smtprc.owners;

import jakarta.persistence.*;
import org.smtprc.addresses.Network;

/** An owner network as stored: one row per network, the network unique in its canonical CIDR text. */
@Entity
@Table(name = "owner_network", uniqueConstraints = @UniqueConstraint(name = "owner_network_network",
        columnNames = "network"))
public class OwnerNetwork {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "owner_network_seq")
    @SequenceGenerator(name = "owner_network_seq", sequenceName = "owner_network_seq", allocationSize = 100)
    private Long id;

    /** Canonical CIDR ({@link Network#toString()}): 43 characters at most (IPv6 /128). */
    @Column(nullable = false, length = 64)
    private String network;

    @Column(name = "owner_name", nullable = false, length = OwnerText.NAME_LIMIT)
    private String name;

    @Column(nullable = false, length = ContactAddress.MAX_LENGTH)
    private String contact;

    @Column(length = OwnerText.REFERENCE_LIMIT)
    private String reference;

    @Column(name = "notices_held", nullable = false)
    private boolean noticesHeld;

    protected OwnerNetwork() {
    }

    OwnerNetwork(Owner owner) {
        this.network = owner.network().toString();
        this.name = owner.name();
        this.contact = owner.contact();
        this.reference = owner.reference();
        this.noticesHeld = owner.noticesHeld();
    }

    Long getId() { return id; }

    void hold(boolean held) {
        this.noticesHeld = held;
    }

    Owner toOwner() {
        return new Owner(id, Network.parse(network, "stored owner network"), name, contact, reference, noticesHeld);
    }
}
