package io.sentinelrisk.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster the job's tests share: one task manager with two slots (the machine has two cores). */
final class FlinkHarness {
    static final int SLOTS = 2;

    private FlinkHarness() {
    }

    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(SLOTS)
                .build());
    }
}
