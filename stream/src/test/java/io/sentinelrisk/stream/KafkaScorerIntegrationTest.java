package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import io.sentinelrisk.stream.sim.KafkaSink;
import io.sentinelrisk.stream.sim.SimEvent;
import io.sentinelrisk.stream.sim.Simulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain Kafka scorer against a real in-process KRaft broker: the alerts it writes equal the
 * batch alerts of the same events, field by field, also when it is stopped halfway and restarted
 * from its saved state; bad events go to the dead-letter topic and the scorer goes on.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaScorerIntegrationTest extends WithLocalKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    void alertsEqualBatchAcrossARestartAndBadEventsAreDeadLetters() throws Exception {
        SocBundle soc = SocBundle.make(dir.resolve("data"), 31, 12, 60, 0.5);
        Pipeline pipeline = soc.pipeline();
        Dataset later = soc.laterData(pipeline);
        BatchScoring batch = BatchScoring.of(pipeline, later);
        int n = later.rows();
        int half = n / 2;
        List<String> events = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            events.add(SocBundle.json(later.frame(), r));
        }
        kafka.topics(1, "events", "alerts", "dead");
        Path state = dir.resolve("state");
        KafkaScorerConfig cfg = new KafkaScorerConfig(kafka.bootstrap(), "events", "alerts", "g1", "dead", null, state, true, 200,
                StreamScorer.Options.defaults());

        List<String> first = new ArrayList<>(events.subList(0, half));
        first.add(half / 2, "{\"event_id\": \"x1\", oops");
        ObjectNode noUser = (ObjectNode) JSON.readTree(events.get(0));
        noUser.remove("user");
        first.add(half / 3, noUser.toString());
        kafka.produce("events", first);
        RunSummary a = runUntil(pipeline, cfg, half);
        assertThat(a.scored()).isEqualTo(half);
        assertThat(a.deadLetters()).isEqualTo(2);
        assertThat(a.commits()).isPositive();

        // restarted: continues from the saved state and offsets; the second half comes through the
        // simulator's Kafka path, keyed by entity, with one late event (row 5 again, under a new id) at its end
        List<SimEvent> rest = new ArrayList<>();
        for (int r = half; r < n; r++) {
            rest.add(new SimEvent(r, events.get(r), "u"));
        }
        ObjectNode late = (ObjectNode) JSON.readTree(events.get(5));
        late.put("event_id", "999999");
        rest.add(new SimEvent(n, late.toString(), "u"));
        try (KafkaSink sink = new KafkaSink(kafka.bootstrap(), "events")) {
            new Simulator(100, 0, 0, 0).run(rest, sink, x -> { });
        }
        RunSummary b = runUntil(pipeline, cfg, n + 1);
        assertThat(b.consumed()).as("nothing read twice after a clean stop").isEqualTo(n - half + 1);
        assertThat(b.late()).isEqualTo(1);

        List<ConsumerRecord<String, String>> alerts = kafka.readAll("alerts");
        assertThat(alerts).hasSize(n + 1);
        Map<String, JsonNode> byId = new HashMap<>();
        for (ConsumerRecord<String, String> r : alerts) {
            JsonNode alert = JSON.readTree(r.value());
            byId.put(alert.get("alert_id").asText(), alert);
            boolean flagged = r.headers().lastHeader(KafkaScorer.LATE_HEADER) != null;
            assertThat(flagged).as("late flag of %s", alert.get("id")).isEqualTo(alert.get("id").get("event_id").asText().equals("999999"));
        }
        for (int r = 0; r < n; r++) {
            Alert expected = batch.alerts().get(r);
            JsonNode got = byId.get(expected.alertId());
            assertThat(got).as("alert of row %d", r).isNotNull();
            assertThat(withoutInput(got)).as("alert of row %d", r).isEqualTo(withoutInput(JSON.readTree(Json.bytes(expected))));
        }
        List<ConsumerRecord<String, String>> dead = kafka.readAll("dead");
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(d -> JSON.readTree(d.value()).get("reason").asText())
                .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("no entity"));
        assertThat(dead).allSatisfy(d -> assertThat(JSON.readTree(d.value()).get("source").asText()).startsWith("events/0@"));
    }

    @Test
    void aMissingInputTopicIsAnErrorAndIsNotCreated() throws Exception {
        Pipeline pipeline = SocBundle.make(dir.resolve("data-missing"), 31, 12, 60, 0.5).pipeline();
        KafkaScorer scorer = new KafkaScorer(pipeline, new KafkaScorerConfig(kafka.bootstrap(), "no-such-events", "alerts-m", "gm",
                null, null, null, true, 200, StreamScorer.Options.defaults()));
        assertThatThrownBy(() -> scorer.run(s -> { })).isInstanceOf(InputException.class)
                .hasMessageContaining("topic 'no-such-events' does not exist");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            assertThat(admin.listTopics().names().get()).as("looking the topic up did not create it").doesNotContain("no-such-events");
        }
    }

    /** Runs a scorer until it has written {@code alertsTotal} alerts in all, then stops it as SIGTERM would. */
    private static RunSummary runUntil(Pipeline pipeline, KafkaScorerConfig cfg, int alertsTotal) throws Exception {
        KafkaScorer scorer = new KafkaScorer(pipeline, cfg);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> scorer.run(s -> { }));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (kafka.read("alerts", alertsTotal, Duration.ofSeconds(2)).size() < alertsTotal && System.nanoTime() < deadline
                && !run.isDone()) {
            Thread.sleep(100);
        }
        assertThat(scorer.stop(30_000)).isTrue();
        return run.get(30, TimeUnit.SECONDS);
    }

    /** An alert without the fields that name its input (source, row, line). */
    private static JsonNode withoutInput(JsonNode alert) {
        ObjectNode o = alert.deepCopy();
        o.remove(List.of("source", "row", "line"));
        return o;
    }
}
