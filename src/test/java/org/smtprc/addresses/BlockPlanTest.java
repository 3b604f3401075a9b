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

    @Test
    void inAClusterNoNetworkIsSplitBetweenTwoBlocks() {
        // a /22 on two ports: four /24s of 512 endpoints each; three nominal blocks end at 683 and 1366
        AddressSpace space = AddressSpace.parse("192.0.2.0/24, 198.51.100.0/23, 203.0.113.0/24", "", "25,587");
        List<Block> aligned = BlockPlan.onNetworkBoundaries(BlockPlan.plan(space.size(), 3, 1),
                space::networkBoundaryAtOrAfter);

        assertThat(aligned).containsExactly(new Block(0, 0, 1024), new Block(1, 1024, 1536), new Block(2, 1536, 2048));
        for (Block block : aligned.subList(1, aligned.size())) {
            assertThat(prefix(space.endpointAt(block.start() - 1))).isNotEqualTo(prefix(space.endpointAt(block.start())));
        }
    }

    @Test
    void moreBlocksThanNetworksLeavesOneBlockPerNetwork() {
        AddressSpace space = AddressSpace.parse("192.0.2.0/28, 198.51.100.16/28, 203.0.113.250", "", "25");

        assertThat(BlockPlan.onNetworkBoundaries(BlockPlan.plan(space.size(), 8, 1), space::networkBoundaryAtOrAfter))
                .containsExactly(new Block(0, 0, 16), new Block(1, 16, 32), new Block(2, 32, 33));
        AddressSpace oneNetwork = AddressSpace.parse("192.0.2.0/24", "", "25");
        assertThat(BlockPlan.onNetworkBoundaries(BlockPlan.plan(256, 8, 1), oneNetwork::networkBoundaryAtOrAfter))
                .containsExactly(new Block(0, 0, 256));
    }

    @Test
    void networkBoundariesOfIpv6AreSlash64s() {
        AddressSpace space = AddressSpace.parse("2001:db8:0:1::fffe/127, 2001:db8:0:2::/127", "", "25");

        assertThat(space.size()).isEqualTo(4);
        assertThat(space.networkBoundaryAtOrAfter(0)).isZero();
        assertThat(space.networkBoundaryAtOrAfter(1)).isEqualTo(2);
        assertThat(space.networkBoundaryAtOrAfter(2)).isEqualTo(2);
        assertThat(space.networkBoundaryAtOrAfter(3)).isEqualTo(4);
        assertThat(space.networkBoundaryAtOrAfter(4)).isEqualTo(4);
    }

    private static String prefix(Endpoint endpoint) {
        String address = endpoint.address().getHostAddress();
        return address.substring(0, address.lastIndexOf('.'));
    }
}
