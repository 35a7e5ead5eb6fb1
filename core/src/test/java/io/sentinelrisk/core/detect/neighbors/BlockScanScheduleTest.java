package io.sentinelrisk.core.detect.neighbors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The round-robin schedule behind {@link BlockScan#allNeighbors}: every block pair once, no block twice in a round. */
class BlockScanScheduleTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 8, 25, 26})
    void everyPairOfBlocksMeetsOnceAndRoundsNeverShareABlock(int blocks) {
        int slots = blocks + (blocks & 1);
        Set<Long> met = new HashSet<>();
        for (int round = 0; round < slots - 1; round++) {
            Set<Integer> busy = new HashSet<>();
            for (int[] pair : BlockScan.roundRobin(slots, round, blocks)) {
                assertThat(pair[0]).isLessThan(pair[1]);
                assertThat(pair[1]).isLessThan(blocks);
                assertThat(busy.add(pair[0])).as("block %d twice in round %d", pair[0], round).isTrue();
                assertThat(busy.add(pair[1])).as("block %d twice in round %d", pair[1], round).isTrue();
                assertThat(met.add((long) pair[0] * blocks + pair[1])).as("pair met twice").isTrue();
            }
        }
        assertThat(met).hasSize(blocks * (blocks - 1) / 2);
    }
}
