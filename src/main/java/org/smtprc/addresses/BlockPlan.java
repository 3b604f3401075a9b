package org.smtprc.addresses;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Splits a scan's endpoint indices into blocks, one per partition.
 *
 * <p>The plan depends only on its three inputs, so a restarted job recomputes exactly the blocks its checkpoints
 * refer to.
 */
public final class BlockPlan {

    private BlockPlan() {
    }

    /**
     * Balanced blocks: as many as {@code maxPartitions} allows but no more than {@code ceil(size / minBlockSize)},
     * sizes differing by at most one, larger blocks first.
     *
     * @return contiguous blocks covering {@code [0, size)} exactly once; empty when size is 0
     */
    public static List<Block> plan(long size, int maxPartitions, long minBlockSize) {
        if (size < 0) {
            throw new IllegalArgumentException("scan size " + size + " is negative");
        }
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("at least one partition is needed, got " + maxPartitions);
        }
        if (minBlockSize < 1) {
            throw new IllegalArgumentException("the minimum block size must be at least 1, got " + minBlockSize);
        }
        if (size == 0) {
            return List.of();
        }
        long wanted = size / minBlockSize + (size % minBlockSize == 0 ? 0 : 1);
        int count = (int) Math.min(maxPartitions, wanted);
        long base = size / count;
        long larger = size % count;
        List<Block> blocks = new ArrayList<>(count);
        long start = 0;
        for (int number = 0; number < count; number++) {
            long end = start + base + (number < larger ? 1 : 0);
            blocks.add(new Block(number, start, end));
            start = end;
        }
        return List.copyOf(blocks);
    }

    /**
     * The plan's blocks with each inner boundary moved forward to the next start of a network (see
     * {@link AddressSpace#networkBoundaryAtOrAfter}), so that no network is split between two blocks: in a cluster
     * each block runs on one node, and a network's politeness limit, which each node keeps, then holds across nodes.
     * Blocks left empty are dropped and the rest numbered again from 0.
     */
    public static List<Block> onNetworkBoundaries(List<Block> plan, LongUnaryOperator boundaryAtOrAfter) {
        List<Block> aligned = new ArrayList<>(plan.size());
        long start = 0;
        for (int i = 0; i < plan.size(); i++) {
            long end = i == plan.size() - 1 ? plan.get(i).end() : boundaryAtOrAfter.applyAsLong(plan.get(i).end());
            if (end > start) {
                aligned.add(new Block(aligned.size(), start, end));
                start = end;
            }
        }
        return List.copyOf(aligned);
    }
}
