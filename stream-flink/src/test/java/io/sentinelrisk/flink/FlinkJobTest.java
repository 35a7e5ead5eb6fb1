package io.sentinelrisk.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.stream.StreamOutcome;
import io.sentinelrisk.stream.StreamScorer;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink job on a MiniCluster (two slots) and a real KRaft broker: the same bundle gives, per
 * event, the same features, scores and alert as {@code sentinel score}'s batch path, as the
 * in-process {@link StreamScorer} and as the plain {@link KafkaScorer}; bad events go to the dead-letter topic and the job goes on; a
 * task that fails mid-stream restarts from the last checkpoint without losing or duplicating an
 * alert in the read_committed output.
 */
@Tag("integration")
@Timeout(420)
class FlinkJobTest extends WithBrokerAndReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameFeaturesScoresAndAlertsAsBatchAndInProcess() throws Exception {
        kafka.createTopics(2, "events", "alerts", "dead", "alerts-k", "dead-k");
        List<String> events = new ArrayList<>(data.events);
        List<String> keys = new ArrayList<>(data.users);
        // an event an hour older than its user's latest: scored, flagged, counted, not refused
        JsonNode last = JSON.readTree(events.get(events.size() - 1));
        String lateUser = last.get("user").asText();
        var late = ((com.fasterxml.jackson.databind.node.ObjectNode) last.deepCopy())
                .put("event_id", "9" + last.get("event_id").asText())
                .put("timestamp", Instant.parse(last.get("timestamp").asText()).minusSeconds(3600).toString());
        events.add(late.toString());
        keys.add(lateUser);
        List<String> malformed = List.of("not json", "[1,2]", "{\"user\":\"u1\",\"event_id\":\"x\"}");
        events.addAll(malformed);
        keys.addAll(List.of("m", "m", "m"));
        kafka.produce("events", keys, events);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SentinelFlinkJob.build(env, options("events", "alerts", "dead", "same"), bundle);
        RunTotals totals = RunTotals.of(env.execute("sameness"));
        assertThat(totals.scored()).isEqualTo(data.events.size() + 1);
        assertThat(totals.late()).as("late events counted").isEqualTo(1);
        assertThat(totals.deadLetters()).isEqualTo(malformed.size());

        List<ConsumerRecord<String, String>> out = kafka.readCommitted("alerts", data.events.size() + 1, Duration.ofSeconds(30));
        Map<String, ConsumerRecord<String, String>> flink = byAlertId(out);
        assertThat(out.size()).as("one output per scored event, no duplicates").isEqualTo(data.events.size() + 1);
        long anomalies = 0;
        for (ConsumerRecord<String, String> r : out) {
            anomalies += JSON.readTree(r.value()).get("is_anomaly").asBoolean() ? 1 : 0;
        }
        assertThat(totals.alerts()).as("alerts counted").isEqualTo(anomalies);

        // in process: the engine-neutral scorer alone, events in the same order
        StreamScorer inProcess = new StreamScorer(data.pipeline);
        Map<String, JsonNode> local = new HashMap<>();
        String lateAlertId = null;
        int lateInProcess = 0;
        for (String e : events) {
            if (inProcess.score(e, "events") instanceof StreamOutcome.Scored s) {
                local.put(s.alert().alertId(), SocReplay.comparable(Json.line(s.alert())));
                if (s.late()) {
                    lateAlertId = s.alert().alertId();
                    lateInProcess++;
                }
            }
        }
        assertThat(lateInProcess).isEqualTo(1);

        // the plain Kafka scorer (no Flink) on the same topic
        Map<String, ConsumerRecord<String, String>> plain = byAlertId(plainKafkaScorer(data.events.size() + 1));

        assertThat(data.batch).hasSize(data.events.size());
        assertThat(data.batch.values().stream().filter(a -> a.get("is_anomaly").asBoolean()).count()).as("alerts in the batch").isPositive();
        assertThat(data.batch.values().iterator().next().get("features").size()).as("features per alert").isGreaterThan(5);
        for (Map.Entry<String, JsonNode> b : data.batch.entrySet()) {
            ConsumerRecord<String, String> rec = flink.get(b.getKey());
            assertThat(rec).as("Flink output for %s", b.getKey()).isNotNull();
            JsonNode f = SocReplay.comparable(rec.value());
            assertThat(f).as("Flink = batch for %s", b.getKey()).isEqualTo(b.getValue());
            assertThat(local.get(b.getKey())).as("in-process = batch for %s", b.getKey()).isEqualTo(b.getValue());
            assertThat(plain.get(b.getKey())).as("Kafka scorer output for %s", b.getKey()).isNotNull();
            assertThat(SocReplay.comparable(plain.get(b.getKey()).value())).as("Kafka scorer = batch for %s", b.getKey())
                    .isEqualTo(b.getValue());
            assertThat(rec.key()).isEqualTo(f.get("entity").asText());
            assertThat(rec.headers().lastHeader(KafkaTopics.LATE_HEADER)).isNull();
        }
        ConsumerRecord<String, String> lateRec = flink.get(lateAlertId);
        assertThat(lateRec).as("the late event's output").isNotNull();
        Header flag = lateRec.headers().lastHeader(KafkaTopics.LATE_HEADER);
        assertThat(flag).as("late header").isNotNull();
        assertThat(SocReplay.comparable(lateRec.value())).isEqualTo(local.get(lateAlertId));

        List<ConsumerRecord<String, String>> dead = kafka.readCommitted("dead", malformed.size(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(malformed.size());
        List<String> deadEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> d : dead) {
            JsonNode n = JSON.readTree(d.value());
            assertThat(n.get("reason").asText()).isNotBlank();
            assertThat(n.get("source").asText()).startsWith("events/");
            deadEvents.add(n.get("raw").asText());
        }
        assertThat(deadEvents).containsExactlyInAnyOrderElementsOf(malformed);
    }

    @Test
    void aTaskFailingMidStreamRestartsFromTheLastCheckpointWithoutLossOrDuplicates() throws Exception {
        kafka.createTopics(2, "events-r", "alerts-r", "dead-r");
        kafka.produce("events-r", data.users, data.events);
        FailOnce.FAILED.set(false);
        FailOnce.SEEN.set(0);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
        int failAfter = data.events.size() / 2;
        UnaryOperator<org.apache.flink.streaming.api.datastream.DataStream<Tuple2<String, String>>> failing =
                s -> s.map(new FailOnce(failAfter)).name("fail once");
        SentinelFlinkJob.build(env, options("events-r", "alerts-r", "dead-r", "recover"), bundle, failing);
        env.execute("recovery");

        assertThat(FailOnce.FAILED).as("the injected failure happened").isTrue();
        List<ConsumerRecord<String, String>> out = kafka.readCommitted("alerts-r", data.events.size(), Duration.ofSeconds(30));
        Map<String, ConsumerRecord<String, String>> byId = byAlertId(out);
        assertThat(out.size()).as("read_committed: every event once").isEqualTo(data.events.size());
        assertThat(byId.keySet()).isEqualTo(data.batch.keySet());
        // the entity state restored from the checkpoint gives the very features and scores of the batch
        for (Map.Entry<String, JsonNode> b : data.batch.entrySet()) {
            assertThat(SocReplay.comparable(byId.get(b.getKey()).value())).as("after recovery, %s", b.getKey()).isEqualTo(b.getValue());
        }
        assertThat(FailOnce.SEEN.get()).as("events replayed after the restart").isGreaterThan(data.events.size());
    }

    /** The stream module's plain Kafka scorer over "events", every scored event to "alerts-k", until {@code total} are out. */
    private static List<ConsumerRecord<String, String>> plainKafkaScorer(int total) throws Exception {
        KafkaScorer scorer = new KafkaScorer(data.pipeline, new KafkaScorerConfig(kafka.bootstrap(), "events", "alerts-k", "plain",
                "dead-k", null, null, true, 200, StreamScorer.Options.defaults()));
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> scorer.run(s -> { }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<ConsumerRecord<String, String>> out = List.of();
        while (out.size() < total && System.nanoTime() < deadline && !run.isDone()) {
            out = kafka.readCommitted("alerts-k", total, Duration.ofSeconds(2));
        }
        assertThat(scorer.stop(30_000)).isTrue();
        run.get(30, TimeUnit.SECONDS);
        return kafka.readCommitted("alerts-k", total, Duration.ofSeconds(10));
    }

    private static JobOptions options(String in, String out, String dead, String name) {
        return new JobOptions(null, kafka.bootstrap(), in, out, dead, "group-" + name, null, 100, "tx-" + name,
                FlinkHarness.SLOTS, true, true, null);
    }

    private static Map<String, ConsumerRecord<String, String>> byAlertId(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<String, ConsumerRecord<String, String>> m = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            m.put(JSON.readTree(r.value()).get("alert_id").asText(), r);
        }
        return m;
    }

    /**
     * Throws once, in whichever subtask first sees half the events after a checkpoint completed:
     * the job must then restart from that checkpoint. Slowed down before the failure so that
     * checkpoints complete mid-stream; past the failure point with no checkpoint completed yet (a
     * loaded machine can take seconds for the first one), slowed down much more, so that the
     * stream cannot end before one completes (the throw must happen). Static state: the
     * MiniCluster runs in this JVM.
     */
    static final class FailOnce extends RichMapFunction<Tuple2<String, String>, Tuple2<String, String>> implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger SEEN = new AtomicInteger();
        private final int after;
        private transient volatile boolean checkpointed;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public Tuple2<String, String> map(Tuple2<String, String> event) throws InterruptedException {
            int seen = SEEN.incrementAndGet();
            if (!FAILED.get()) {
                if (seen < after) {
                    Thread.sleep(2);
                } else if (!checkpointed) {
                    // the checkpoint's barrier and its completion notice pass between two records of this task
                    Thread.sleep(100);
                } else if (FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after " + seen + " events");
                }
            }
            return event;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
