package org.smtprc.scan;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.config.Settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes' leases in the shared database, and the address blocks of scans still probing whose node's lease has run
 * out. Each in its own transaction.
 */
@Stateless
public class NodeLeases {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    @Inject
    Settings settings;

    /** This node is alive for one more lease. */
    public void renew() {
        String me = node();
        Instant until = Instant.now().plus(settings.clusterLease());
        int renewed = em.createQuery("update ClusterNode n set n.leaseUntil = :until where n.name = :me")
                .setParameter("until", until)
                .setParameter("me", me)
                .executeUpdate();
        if (renewed == 0) {
            em.persist(new ClusterNode(me, until));
        }
    }

    /**
     * Blocks of probing scans, not done, that no live node runs: their node's lease has run out, or their node released
     * them when their job ended unfinished (they have run, and are nobody's), or no node took them within a lease of
     * being handed out (their message was lost on the way: the planning node died before sending it, or it waits on a
     * dead node's queue). A node takes a message's block at once, so a lease is ample; should the message still come,
     * it finds the block taken.
     */
    public List<ScanBlock> orphaned() {
        List<ScanBlock> orphaned = new ArrayList<>(em.createQuery("select b from ScanBlock b, Scan s, ClusterNode n"
                        + " where s.id = b.scanId and s.status = :probing and n.name = b.node and n.leaseUntil < :now",
                        ScanBlock.class)
                .setParameter("probing", ScanStatus.PROBING)
                .setParameter("now", Instant.now())
                .getResultList());
        orphaned.addAll(em.createQuery("select b from ScanBlock b, Scan s where s.id = b.scanId and s.status = :probing"
                        + " and b.node is null and (b.runs > 0 or b.handedOutAt < :leaseAgo)", ScanBlock.class)
                .setParameter("probing", ScanStatus.PROBING)
                .setParameter("leaseAgo", Instant.now().minus(settings.clusterLease()))
                .getResultList());
        return orphaned.stream().filter(block -> !block.isDone()).toList();
    }

    /** This node's own blocks of probing scans that are not done: at its start, the ones its last run left. */
    public List<ScanBlock> ownLeft() {
        return em.createQuery("select b from ScanBlock b, Scan s where s.id = b.scanId and s.status = :probing"
                        + " and b.node = :me", ScanBlock.class)
                .setParameter("probing", ScanStatus.PROBING)
                .setParameter("me", node())
                .getResultList().stream()
                .filter(block -> !block.isDone())
                .toList();
    }

    /**
     * Active scans whose own job ran on a node whose lease has run out, outside their block phase (planning before any
     * block, or the last part after every block): no node runs them any more. Scans in their block phase are the
     * blocks' business ({@link #orphaned}).
     */
    public List<Scan> abandoned() {
        return em.createQuery("select s from Scan s, ClusterNode n where n.name = s.node and n.leaseUntil < :now"
                        + " and s.status in :active", Scan.class)
                .setParameter("now", Instant.now())
                .setParameter("active", List.of(ScanStatus.CREATED, ScanStatus.PROBING, ScanStatus.CONFIRMING,
                        ScanStatus.STOPPING))
                .getResultList().stream()
                // a scan still CREATED never reached its block phase, though its planning may have stored blocks
                .filter(scan -> scan.getStatus() == ScanStatus.CREATED || em.createQuery(
                                "select b from ScanBlock b where b.scanId = :scan", ScanBlock.class)
                        .setParameter("scan", scan.getId())
                        .getResultList().stream().allMatch(ScanBlock::isDone))
                .toList();
    }

    /**
     * This node takes an abandoned scan over from the dead node, unless another node was quicker (one conditional
     * update decides); the scan is then INTERRUPTED here, as a node's own recovery would have made it. Returns whether
     * this node took it.
     */
    public boolean interruptAbandoned(Scan scan) {
        String me = node();
        int taken = em.createQuery("update Scan s set s.node = :me where s.id = :scan and s.node = :had")
                .setParameter("me", me)
                .setParameter("scan", scan.getId())
                .setParameter("had", scan.getNode())
                .executeUpdate();
        if (taken == 1) {
            em.find(Scan.class, scan.getId()).finished(ScanStatus.INTERRUPTED, Instant.now(), "node " + scan.getNode()
                    + ", which ran this scan's job, stopped answering (its lease ran out); node " + me
                    + " took it over: restart the scan to continue from its checkpoints");
        }
        return taken == 1;
    }

    /**
     * Takes the block over from the node that had it, unless another node was quicker: one conditional update decides.
     * Returns whether this node took it.
     */
    public boolean takeOver(ScanBlock block) {
        String had = block.getNode();
        var update = em.createQuery("update ScanBlock b set b.node = :me, b.executionId = null where b.scanId = :scan"
                        + " and b.number = :number and " + (had == null ? "b.node is null" : "b.node = :had"))
                .setParameter("me", node())
                .setParameter("scan", block.getScanId())
                .setParameter("number", block.getNumber());
        if (had != null) {
            update.setParameter("had", had);
        }
        return update.executeUpdate() == 1;
    }

    private String node() {
        return Bounded.text(settings.nodeName(), 64);
    }
}
