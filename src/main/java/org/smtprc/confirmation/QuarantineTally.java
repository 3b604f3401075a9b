package org.smtprc.confirmation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** How much mail the quarantine did not keep, by why ({@link QuarantineKeeper.Loss}), since {@code since}. */
@Entity
@Table(name = "quarantine_tally")
public class QuarantineTally {

    @Id
    @Column(length = 32)
    private String kind;

    @Column(nullable = false)
    private long total;

    @Column(nullable = false)
    private Instant since;

    protected QuarantineTally() {
    }

    QuarantineTally(String kind, long total, Instant since) {
        this.kind = kind;
        this.total = total;
        this.since = since;
    }

    String getKind() { return kind; }
    long getTotal() { return total; }
    Instant getSince() { return since; }
}
