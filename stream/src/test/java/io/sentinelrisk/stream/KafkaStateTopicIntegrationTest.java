package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.EntityRisk;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka scorer with a compacted state topic and entity-risk updates: halted mid-stream (no
 * last commit, as a crash) and restarted with the state topic only, it writes, read_committed,
 * every event's alert exactly once with the features of one uninterrupted run, and every entity's
 * risk updates as one uninterrupted run makes them.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaStateTopicIntegrationTest extends WithLocalKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HALF_LIFE = 6 * 3_600_000L;
    @Test
    void aRestartFromTheStateTopicAloneGivesTheFeaturesAlertsAndRisksOfOneRun() throws Exception {
        // a model that flags one event in five, so that entities collect several alerts each
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("detector.type", "iforest");
        flags.put("random_state", 31L);
        flags.put("contamination", 0.2);
        flags.put("id_columns", List.of());
        flags.put("ignore_columns", List.of("scenario", "label"));
        SocBundle soc = SocBundle.make(dir.resolve("data"), 31, 12, 60, 0.5,
                io.sentinelrisk.core.pipeline.SentinelConfig.fromMap(new LinkedHashMap<>(), flags, k -> null, "test"));
        Pipeline pipeline = soc.pipeline();
        Dataset later = soc.laterData(pipeline);
        int n = later.rows();
        List<String> events = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            events.add(SocBundle.json(later.frame(), r));
        }
        // one uninterrupted run, in process: every event's alert, and the risk updates in order
        StreamScorer reference = new StreamScorer(pipeline);
        EntityRisks referenceRisk = new EntityRisks(HALF_LIFE);
        Map<String, JsonNode> expected = new HashMap<>();
        List<RiskUpdate> expectedRisk = new ArrayList<>();
        List<EntityAlert> counted = new ArrayList<>();
        for (String e : events) {
            StreamOutcome.Scored s = (StreamOutcome.Scored) reference.score(e, "events");
            expected.put(s.alert().alertId(), comparable(Json.line(s.alert())));
            EntityAlert c = EntityRisks.placed(s.alert());
            if (c != null) {
                counted.add(c);
            }
            RiskUpdate u = referenceRisk.add(s.alert());
            if (u != null) {
                expectedRisk.add(u);
            }
        }
        assertThat(expectedRisk).as("alerts that move a risk").hasSizeGreaterThan(20);

        kafka.topics(1, "events", "alerts", "risk");
        int half = n / 2;
        int threeQuarters = n * 3 / 4;
        kafka.produce("events", events.subList(0, half));
        // commits every 3 s: the first half is committed before more events come; the quarter after
        // it is read and scored, and the scorer halted (as a crash) before it is committed
        KafkaScorerConfig cfg = new KafkaScorerConfig(kafka.bootstrap(), "events", "alerts", "g", null, null, null, true, 3000,
                StreamScorer.Options.defaults(), "risk", HALF_LIFE, "state");

        KafkaScorer first = new KafkaScorer(pipeline, cfg);
        CompletableFuture<RunSummary> a = CompletableFuture.supplyAsync(() -> first.run(x -> { }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (kafka.read("alerts", half, Duration.ofSeconds(1)).size() < half && System.nanoTime() < deadline && !a.isDone()) {
            Thread.sleep(50);
        }
        kafka.produce("events", events.subList(half, threeQuarters));
        while (first.consumed() < threeQuarters && System.nanoTime() < deadline && !a.isDone()) {
            Thread.sleep(5);
        }
        assertThat(first.halt(30_000)).isTrue();
        RunSummary ra = a.get(30, TimeUnit.SECONDS);
        assertThat(ra.consumed()).as("halted mid-stream").isEqualTo(threeQuarters);
        kafka.produce("events", events.subList(threeQuarters, n));

        // restarted: no local snapshot, the state comes from the state topic only
        KafkaScorer second = new KafkaScorer(pipeline, cfg);
        CompletableFuture<RunSummary> b = CompletableFuture.supplyAsync(() -> second.run(x -> { }));
        while (kafka.read("alerts", n, Duration.ofSeconds(1)).size() < n && System.nanoTime() < deadline && !b.isDone()) {
            Thread.sleep(50);
        }
        assertThat(second.stop(30_000)).isTrue();
        RunSummary rb = b.get(30, TimeUnit.SECONDS);
        assertThat(rb.consumed()).as("continued from the committed offsets, not from the start").isLessThanOrEqualTo(n - half);
        assertThat(rb.consumed()).as("the rest read").isGreaterThanOrEqualTo(n - threeQuarters);

        List<ConsumerRecord<String, String>> alerts = kafka.readAll("alerts");
        assertThat(alerts).as("read_committed: each event's alert once").hasSize(n);
        for (ConsumerRecord<String, String> r : alerts) {
            JsonNode got = comparable(r.value());
            assertThat(got).as("alert %s", got.get("alert_id")).isEqualTo(expected.get(got.get("alert_id").asText()));
        }

        List<ConsumerRecord<String, String>> risk = kafka.readAll("risk");
        assertThat(risk).as("one risk update per counted alert").hasSize(expectedRisk.size());
        for (int i = 0; i < risk.size(); i++) {
            assertThat(risk.get(i).key()).isEqualTo(expectedRisk.get(i).entity());
            assertThat(JSON.readTree(risk.get(i).value())).as("risk update %d", i).isEqualTo(JSON.readTree(Json.line(expectedRisk.get(i))));
        }
        // and the last update of each entity is `sentinel entities`' ranking of its alerts
        Map<String, JsonNode> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : risk) {
            last.put(r.key(), JSON.readTree(r.value()));
        }
        for (var e : last.entrySet()) {
            List<EntityAlert> mine = counted.stream().filter(c -> c.entity().equals(e.getKey())).toList();
            var batch = new EntityRisk(HALF_LIFE).rank(mine, EntityAlert.NO_TIME).get(0);
            assertThat(e.getValue().get("risk").asDouble()).as("risk of %s", e.getKey()).isCloseTo(batch.risk(), org.assertj.core.data.Offset.offset(0.011));
            assertThat(e.getValue().get("alerts").asInt()).isEqualTo(batch.alerts());
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, "state");
            assertThat(admin.describeConfigs(List.of(state)).all().get().get(state).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private static JsonNode comparable(String alertJson) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(alertJson);
        o.remove(List.of("source", "row", "line"));
        return o;
    }
}
