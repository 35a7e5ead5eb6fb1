package io.sentinelrisk.flink;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Flink job test's set-up: a MiniCluster, a real KRaft broker and the generated SOC replay with
 * its bundle, made once for all the class's tests.
 */
abstract class WithBrokerAndReplay {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkHarness.miniCluster();

    @TempDir
    static Path dir;
    static KafkaBroker kafka;
    static SocReplay data;
    static byte[] bundle;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        data = SocReplay.make(dir, 2400, 17);
        bundle = Files.readAllBytes(data.bundle);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
