package org.smtprc.scan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A node of a cluster and its lease: alive while the lease is renewed, taken for dead once it has run out. */
@Entity
@Table(name = "cluster_node")
public class ClusterNode {

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "lease_until", nullable = false)
    private Instant leaseUntil;

    protected ClusterNode() {
    }

    ClusterNode(String name, Instant leaseUntil) {
        this.name = name;
        this.leaseUntil = leaseUntil;
    }
}
