package io.sentinelrisk.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.stream.EntityRisks;
import io.sentinelrisk.stream.RiskUpdate;
import io.sentinelrisk.stream.StreamOutcome;
import io.sentinelrisk.stream.StreamScorer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift and entity risk in the Flink job (MiniCluster, in-process KRaft broker): with a planted
 * shift ({@code bytes_out} × 25 in a replay of the training events) the job's one drift window raises the very drift alerts the
 * stream module's monitor raises in process (as {@code sentinel stream run} does) over the same
 * events — also when a task fails mid-stream and the job restarts from a checkpoint, so the
 * window came back from it — and the unshifted stream raises none on that column (and again
 * exactly the in-process monitor's alerts); the entity-risk updates equal
 * those of the in-process formula, update for update.
 */
@Tag("integration")
@Timeout(300)
class FlinkDriftRiskTest extends WithBrokerAndReplay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW = 400;
    private static final int EVERY = 100;
    private static final long HALF_LIFE = 6 * 3_600_000L;

    /**
     * The training events replayed (entity state starts empty, as it did in training: the stream
     * has the training distribution) with bytes_out multiplied by {@code factor}.
     */
    private static List<String> events(double factor) throws Exception {
        List<String> out = new ArrayList<>();
        for (String e : data.trainEvents) {
            ObjectNode o = (ObjectNode) JSON.readTree(e);
            o.put("bytes_out", Double.toString(Double.parseDouble(o.get("bytes_out").asText()) * factor));
            out.add(o.toString());
        }
        return out;
    }

    /** What the in-process scorer with its own drift monitor, and core's entity risk, make of the events in order. */
    private record Expected(List<JsonNode> drift, List<JsonNode> risk) {
    }

    private static Expected inProcess(List<String> events) throws Exception {
        StreamScorer s = new StreamScorer(data.pipeline, new StreamScorer.Options(0, WINDOW, EVERY));
        EntityRisks risks = new EntityRisks(HALF_LIFE);
        List<JsonNode> drift = new ArrayList<>();
        List<JsonNode> risk = new ArrayList<>();
        for (String e : events) {
            StreamOutcome.Scored o = (StreamOutcome.Scored) s.score(e, "events");
            if (o.drift() != null) {
                drift.add(JSON.readTree(Json.line(o.drift())));
            }
            RiskUpdate u = risks.add(o.alert());
            if (u != null) {
                risk.add(JSON.readTree(Json.line(u)));
            }
        }
        return new Expected(drift, risk);
    }

    private static JobOptions options(String name) {
        return new JobOptions(null, kafka.bootstrap(), "events-" + name, "alerts-" + name, "dead-" + name, "group-" + name, null, 100,
                "tx-" + name, 1, true, false, null, "drift-" + name, WINDOW, EVERY, "risk-" + name, HALF_LIFE);
    }

    /** Every committed record of the topic (the job has finished), as JSON. */
    private static List<JsonNode> values(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.readAll(topic)) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    @Test
    void aPlantedShiftRaisesTheKafkaScorersDriftAlertsAcrossARestartAndRiskUpdatesMatch() throws Exception {
        List<String> events = events(25);
        Expected expected = inProcess(events);
        assertThat(expected.drift()).as("in process, the shift is detected").isNotEmpty();
        assertThat(expected.drift()).as("bytes_out named").anyMatch(a -> a.get("significant").toString().contains("\"bytes_out\""));
        assertThat(expected.risk()).as("alerts that move a risk").hasSizeGreaterThan(5);

        kafka.createTopics(1, "events-shift", "alerts-shift", "dead-shift", "drift-shift", "risk-shift");
        kafka.produce("events-shift", data.trainUsers, events);
        FlinkJobTest.FailOnce.FAILED.set(false);
        FlinkJobTest.FailOnce.SEEN.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
        // fails after the first drift checks, once a checkpoint holds the window
        UnaryOperator<DataStream<Tuple2<String, String>>> failing = s -> s.map(new FlinkJobTest.FailOnce(events.size() * 2 / 3)).name("fail once");
        SentinelFlinkJob.build(env, options("shift"), bundle, failing);
        env.execute("drift");
        assertThat(FlinkJobTest.FailOnce.FAILED).as("the injected failure happened").isTrue();

        List<JsonNode> drift = values("drift-shift");
        assertThat(drift).as("read_committed drift alerts = the in-process monitor's").isEqualTo(expected.drift());
        assertThat(values("risk-shift")).as("risk updates = core's formula in process").isEqualTo(expected.risk());
    }

    @Test
    void theUnshiftedStreamIsQuiet() throws Exception {
        List<String> events = events(1);
        Expected expected = inProcess(events);
        kafka.createTopics(1, "events-quiet", "alerts-quiet", "dead-quiet", "drift-quiet", "risk-quiet");
        kafka.produce("events-quiet", data.trainUsers, events);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SentinelFlinkJob.build(env, options("quiet"), bundle);
        RunTotals totals = RunTotals.of(env.execute("quiet"));
        assertThat(totals.scored()).isEqualTo(events.size());
        // the stream's head (every entity's first events, fresh state) differs from training as a
        // whole, so other columns may cross; the planted column must not, and the job must say
        // exactly what the in-process monitor says
        assertThat(expected.drift()).as("in process: quiet on bytes_out")
                .noneMatch(a -> a.get("significant").toString().contains("\"bytes_out\""));
        assertThat(values("drift-quiet")).as("the job's drift alerts = the in-process monitor's")
                .isEqualTo(expected.drift());
        assertThat(totals.driftAlerts()).isEqualTo(expected.drift().size());
    }
}
