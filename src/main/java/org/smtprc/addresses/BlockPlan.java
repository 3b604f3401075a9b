package org.smtprc.addresses;

import java.util.ArrayList;
import java.util.List;

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
}
