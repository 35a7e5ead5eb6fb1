package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain Kafka scorer keeps its drift window across a restart, with a local snapshot and with
 * a state topic: the drift alerts of a run stopped halfway and restarted are those of one
 * uninterrupted scorer over the same events, field by field. Without the window's state, the
 * restarted run would count events from 0 again and raise the drift of {@code bytes_out} a second
 * time (it is raised once while the column stays significant).
 */
@Tag("integration")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KafkaDriftRestartIntegrationTest extends WithLocalKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamScorer.Options DRIFT = new StreamScorer.Options(0, 400, 100);
    static Pipeline pipeline;
    static List<String> events;
    static List<String> expected;

    @BeforeAll
    static void data() throws Exception {
        SocBundle soc = SocBundle.make(dir.resolve("data"), 41, 20, 80, 0.5);
        pipeline = soc.pipeline();
        Dataset later = soc.laterData(pipeline);
        events = new ArrayList<>();
        for (int r = 0; r < later.rows(); r++) {
            ObjectNode e = (ObjectNode) JSON.readTree(SocBundle.json(later.frame(), r));
            // a shift planted from the first event on: significant at the first check, before the restart
            e.put("bytes_out", Double.toString(Double.parseDouble(e.get("bytes_out").asText()) * 25));
            events.add(e.toString());
        }
        StreamScorer once = new StreamScorer(pipeline, DRIFT);
        expected = new ArrayList<>();
        for (String e : events) {
            DriftAlert d = ((StreamOutcome.Scored) once.score(e, "events")).drift();
            if (d != null) {
                expected.add(Json.line(d));
            }
        }
    }

    @Test
    void driftContinuesAcrossARestartFromTheLocalSnapshot() throws Exception {
        kafka.topics(1, "events-d", "alerts-d", "drift-d");
        KafkaScorerConfig cfg = new KafkaScorerConfig(kafka.bootstrap(), "events-d", "alerts-d", "gd", null, "drift-d",
                dir.resolve("state-d"), true, 200, DRIFT);
        assertSameDriftAcrossRestart(cfg);
    }

    @Test
    void driftContinuesAcrossARestartFromTheStateTopic() throws Exception {
        kafka.topics(1, "events-t", "alerts-t", "drift-t");
        KafkaScorerConfig cfg = new KafkaScorerConfig(kafka.bootstrap(), "events-t", "alerts-t", "gt", null, "drift-t",
                null, true, 200, DRIFT, null, io.sentinelrisk.core.entity.EntityRisk.DEFAULT_HALF_LIFE_MS, "state-t");
        assertSameDriftAcrossRestart(cfg);
    }

    private static void assertSameDriftAcrossRestart(KafkaScorerConfig cfg) throws Exception {
        assertThat(expected).as("the planted shift raises drift alerts").isNotEmpty();
        int n = events.size();
        int half = n / 2 + 17;
        kafka.produce(cfg.inTopic(), events.subList(0, half));
        RunSummary a = runUntil(cfg, half);
        assertThat(a.scored()).isEqualTo(half);
        assertThat(a.driftAlerts()).as("drift raised before the restart").isPositive();
        kafka.produce(cfg.inTopic(), events.subList(half, n));
        RunSummary b = runUntil(cfg, n);
        assertThat(b.consumed()).as("the restart continued from the committed offsets").isEqualTo(n - half);

        List<ConsumerRecord<String, String>> got = kafka.readAll(cfg.driftTopic());
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, String> r : got) {
            lines.add(Json.line(JSON.readTree(r.value())));
        }
        List<String> want = new ArrayList<>();
        for (String e : expected) {
            want.add(Json.line(JSON.readTree(e)));
        }
        assertThat(lines).isEqualTo(want);
    }

    /** Runs a scorer until it has written {@code alertsTotal} alerts in all, then stops it as SIGTERM would. */
    private static RunSummary runUntil(KafkaScorerConfig cfg, int alertsTotal) throws Exception {
        KafkaScorer scorer = new KafkaScorer(pipeline, cfg);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> scorer.run(s -> { }));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (kafka.read(cfg.outTopic(), alertsTotal, Duration.ofSeconds(2)).size() < alertsTotal && System.nanoTime() < deadline
                && !run.isDone()) {
            Thread.sleep(100);
        }
        assertThat(scorer.stop(30_000)).isTrue();
        return run.get(30, TimeUnit.SECONDS);
    }
}
