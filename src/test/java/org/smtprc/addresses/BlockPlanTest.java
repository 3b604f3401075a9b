package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockPlanTest {

    @Test
    void evenSplit() {
        assertThat(BlockPlan.plan(16, 4, 1)).containsExactly(
                new Block(0, 0, 4), new Block(1, 4, 8), new Block(2, 8, 12), new Block(3, 12, 16));
    }

    @Test
    void minimumBlockSizeLimitsThePartitionCountAndBlocksStayBalanced() {
        assertThat(BlockPlan.plan(10, 4, 8)).containsExactly(new Block(0, 0, 5), new Block(1, 5, 10));
    }

    @Test
    void remainderGoesToTheFirstBlocks() {
        assertThat(BlockPlan.plan(11, 3, 1)).extracting(Block::size).containsExactly(4L, 4L, 3L);
    }

    @Test
    void fewerEndpointsThanPartitions() {
        assertThat(BlockPlan.plan(2, 8, 1)).containsExactly(new Block(0, 0, 1), new Block(1, 1, 2));
        assertThat(BlockPlan.plan(1, 8, 100)).containsExactly(new Block(0, 0, 1));
    }

    @Test
    void emptyScanHasNoBlocks() {
        assertThat(BlockPlan.plan(0, 4, 1)).isEmpty();
    }

    @Test
    void sizesBeyondInt() {
        List<Block> blocks = BlockPlan.plan(4L << 32, 7, 1_000);
        assertThat(blocks).hasSize(7);
        assertThat(blocks.getLast().end()).isEqualTo(4L << 32);
    }

    @Test
    void coverageProperty() {
        Random random = new Random(20260101);
        for (int run = 0; run < 5_000; run++) {
            long size = random.nextInt(4) == 0 ? random.nextLong(1, Long.MAX_VALUE / 2) : random.nextInt(1, 10_000);
            int maxPartitions = random.nextInt(1, 65);
            long minBlockSize = random.nextInt(4) == 0 ? random.nextLong(1, Long.MAX_VALUE / 2) : random.nextInt(1, 500);
            List<Block> blocks = BlockPlan.plan(size, maxPartitions, minBlockSize);
            String input = size + "/" + maxPartitions + "/" + minBlockSize;

            assertThat(blocks).as(input).isNotEmpty().hasSizeLessThanOrEqualTo(maxPartitions);
            long expectedCount = Math.min(maxPartitions, (size + minBlockSize - 1) / minBlockSize);
            assertThat(blocks).as(input).hasSize((int) expectedCount);
            long next = 0;
            long smallest = Long.MAX_VALUE;
            long largest = 0;
            for (int i = 0; i < blocks.size(); i++) {
                Block block = blocks.get(i);
                assertThat(block.number()).as(input).isEqualTo(i);
                assertThat(block.start()).as(input).isEqualTo(next);
                assertThat(block.size()).as(input).isPositive();
                smallest = Math.min(smallest, block.size());
                largest = Math.max(largest, block.size());
                next = block.end();
            }
            assertThat(next).as(input).isEqualTo(size);
            assertThat(largest - smallest).as(input).isLessThanOrEqualTo(1);
            assertThat(BlockPlan.plan(size, maxPartitions, minBlockSize)).as(input).isEqualTo(blocks);
        }
    }

    @Test
    void invalidInputs() {
        assertThatThrownBy(() -> BlockPlan.plan(-1, 4, 1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> BlockPlan.plan(10, 0, 1)).hasMessageContaining("at least one partition");
        assertThatThrownBy(() -> BlockPlan.plan(10, 4, 0)).hasMessageContaining("minimum block size");
        assertThatThrownBy(() -> new Block(0, 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
