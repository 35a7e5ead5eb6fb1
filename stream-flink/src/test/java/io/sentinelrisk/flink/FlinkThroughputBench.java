package io.sentinelrisk.flink;

import io.sentinelrisk.stream.KeyedOutcome;
import io.sentinelrisk.stream.StreamScorer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the Flink job per slot against the in-process {@link StreamScorer} alone, on the
 * same events and bundle (bench/flink.sh runs it; not part of the test suite). Prints one line
 * per measurement and writes them to target/flink-bench.txt.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "sentinel.bench", matches = "true")
@Timeout(1800)
class FlinkThroughputBench {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkHarness.miniCluster();

    @Test
    void eventsPerSecond(@TempDir Path dir) throws Exception {
        int rows = Integer.getInteger("sentinel.bench.rows", 60_000);
        SocReplay data = SocReplay.make(dir, rows, 5);
        int n = data.events.size();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "events: %d (SOC, pack:soc features, default detector); load average before: %.2f",
                n, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

        // in process, one thread: a warm-up pass, then the measured one (each with fresh state)
        oneProcess(data);
        double oneProcess = oneProcess(data);
        keyed(data);
        double keyed = keyed(data);
        lines.add(String.format(Locale.ROOT, "in-process StreamScorer.score (one thread): %.0f events/s", oneProcess));
        lines.add(String.format(Locale.ROOT, "in-process StreamScorer.scoreKeyed, state bytes in a map (one thread): %.0f events/s", keyed));

        byte[] bundle = Files.readAllBytes(data.bundle);
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            for (int p = 1; p <= FlinkHarness.SLOTS; p++) {
                String in = "events-" + p;
                kafka.createTopics(FlinkHarness.SLOTS, in, "alerts-" + p, "dead-" + p);
                kafka.produce(in, data.users, data.events);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                SentinelFlinkJob.build(env, new JobOptions(null, kafka.bootstrap(), in, "alerts-" + p, "dead-" + p, "bench-" + p,
                        null, 1000, "bench-" + p, p, true, false, null), bundle);
                JobExecutionResult r = env.execute("bench p=" + p);
                double seconds = r.getNetRuntime() / 1000.0;
                double perSlot = n / seconds / p;
                lines.add(String.format(Locale.ROOT, "Flink job, parallelism %d: %.1f s for %d events (job start to end), "
                        + "%.0f events/s per slot = %.0f%% of in-process keyed", p, seconds, n, perSlot, 100 * perSlot / keyed));
            }
        }
        lines.add(String.format(Locale.ROOT, "load average after: %.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        lines.forEach(System.out::println);
        write(lines);
        assertThat(oneProcess).isPositive();
    }

    private static double oneProcess(SocReplay data) {
        StreamScorer s = new StreamScorer(data.pipeline);
        long t0 = System.nanoTime();
        for (String e : data.events) {
            s.score(e, "bench");
        }
        return data.events.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static double keyed(SocReplay data) {
        StreamScorer s = new StreamScorer(data.pipeline);
        Map<String, byte[]> state = new HashMap<>();
        long t0 = System.nanoTime();
        for (String e : data.events) {
            String key = s.entityKey(e);
            KeyedOutcome o = s.scoreKeyed(state.get(key), e, "bench");
            if (o.entityState() != null) {
                state.put(key, o.entityState());
            }
        }
        return data.events.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static void write(List<String> lines) throws IOException {
        Path out = Path.of("target", "flink-bench.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }
}
