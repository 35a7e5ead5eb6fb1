package io.sentinelrisk.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's Kafka ends on the MiniCluster and a real broker: every record through, once, in a committed transaction. */
@Tag("integration")
@Timeout(180)
class KafkaRoundTripTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkHarness.miniCluster();

    @Test
    void everyRecordArrivesOnceAndCommitted(@TempDir Path dir) throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            kafka.createTopics(2, "in", "out");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                values.add("{\"n\":" + i + "}");
            }
            kafka.produce("in", null, values);
            JobOptions o = new JobOptions(null, kafka.bootstrap(), "in", "out", "dl", "g", null, 200, "rt", 2, true, true, null);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(o.checkpointMs());
            env.setParallelism(2);
            env.fromSource(KafkaTopics.source(o), WatermarkStrategy.noWatermarks(), "events")
                    .map(v -> Tuple3.of((String) null, v.f1, false)).returns(SentinelFlinkJob.OUT)
                    .sinkTo(KafkaTopics.sink(o, "out", "alerts"));
            env.execute("round trip");
            List<String> got = kafka.readCommitted("out", values.size(), Duration.ofSeconds(30)).stream()
                    .map(ConsumerRecord::value).sorted().toList();
            assertThat(got).containsExactlyInAnyOrderElementsOf(values);
        }
    }
}
