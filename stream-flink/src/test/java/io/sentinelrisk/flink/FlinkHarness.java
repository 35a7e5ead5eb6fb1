package io.sentinelrisk.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.time.Duration;

/** The Flink MiniCluster the job's tests share: one task manager with two slots (the machine has two cores). */
final class FlinkHarness {
    static final int SLOTS = 2;

    private FlinkHarness() {
    }

    static MiniClusterExtension miniCluster() {
        // Flink's RPCs (job submission, result polling, checkpoint coordination) time out after
        // 10 s by default; a loaded machine can stall the JVM past that
        Configuration conf = new Configuration();
        conf.set(RpcOptions.ASK_TIMEOUT_DURATION, Duration.ofSeconds(120));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(SLOTS)
                .build());
    }
}
