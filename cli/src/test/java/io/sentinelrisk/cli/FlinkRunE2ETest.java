package io.sentinelrisk.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sentinel flink run} starts the Flink job jar in a child JVM; the sentinel jar itself
 * carries no Flink. What the command decides before starting it: one line and exit 2.
 * (The job itself is tested in stream-flink, on a MiniCluster and a real broker.)
 */
@Tag("integration")
@Timeout(300)
class FlinkRunE2ETest {
    private static final String[] TOPICS = {"--bootstrap", "127.0.0.1:9", "--in", "events", "--out", "alerts"};

    @Test
    void theSentinelJarHasNoFlink() throws Exception {
        try (var jar = new java.util.jar.JarFile(SentinelProcess.jar().toFile())) {
            assertThat(jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class")).isNull();
            assertThat(jar.getEntry("io/sentinelrisk/cli/flink/FlinkCommand.class")).isNotNull();
        }
    }

    @Test
    void aMissingJobJarIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.srb"), "not read before the jar is found");
        SentinelProcess.Result r = SentinelProcess.run(dir, Map.of("SENTINEL_FLINK_JOB_JAR", dir.resolve("nowhere.jar").toString()),
                args("flink", "run", "--local", "--model", model.toString()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("SENTINEL_FLINK_JOB_JAR").contains("sentinel-flink-job.jar").doesNotContain("\n");
    }

    @Test
    void withoutLocalItSaysHowToRunOnACluster(@TempDir Path dir) throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, args("flink", "run", "--model", "m.srb"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--local").contains("flink run");
    }

    @Test
    void aMissingModelIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, args("flink", "run", "--local", "--model", "absent.srb"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("absent.srb").doesNotContain("\n");
    }

    private static String[] args(String... head) {
        String[] all = new String[head.length + TOPICS.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(TOPICS, 0, all, head.length, TOPICS.length);
        return all;
    }
}
