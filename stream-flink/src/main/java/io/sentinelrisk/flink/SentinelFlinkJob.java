package io.sentinelrisk.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.util.function.UnaryOperator;

/**
 * The job's topology: Kafka events → entity key → keyBy(entity) → {@link ScoreEvents} (keyed
 * state, the bundle loaded once per task) → alerts to Kafka, exactly once; dead letters to their
 * own topic, exactly once too; optionally every event's drift row → one {@link DriftCheck} (one
 * sliding window for the job) → drift alerts, and each counted alert → keyBy(alert entity) →
 * {@link RiskAlerts} → entity-risk updates. Operators carry fixed uids so that a savepoint of one version of
 * the job restores into the next.
 */
public final class SentinelFlinkJob {
    /** Output records: (Kafka key, value, late). */
    static final TypeInformation<Tuple3<String, String, Boolean>> OUT = Types.TUPLE(Types.STRING, Types.STRING, Types.BOOLEAN);
    static final OutputTag<Tuple3<String, String, Boolean>> DEAD_LETTERS = new OutputTag<>("dead-letters", OUT);
    /** Every scored event as the drift window keeps it, to the one drift operator. */
    static final OutputTag<double[]> DRIFT_ROWS = new OutputTag<>("drift-rows", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
    /** Alerts that count for entity risk, to the risk operator. */
    static final OutputTag<Tuple5<String, Long, Double, Integer, String>> RISK_ALERTS = new OutputTag<>("risk-alerts", RiskAlerts.TYPE);

    private SentinelFlinkJob() {
    }

    /** Adds the job to {@code env} (checkpointing included); the caller executes it. */
    public static void build(StreamExecutionEnvironment env, JobOptions o, byte[] bundle) {
        build(env, o, bundle, UnaryOperator.identity());
    }

    /**
     * @param beforeKeying applied to the (source, event) stream before keying: identity in the
     *                     product; tests put a failure there
     */
    static void build(StreamExecutionEnvironment env, JobOptions o, byte[] bundle,
                      UnaryOperator<DataStream<Tuple2<String, String>>> beforeKeying) {
        // output is committed (visible to read_committed readers) at each completed checkpoint
        env.enableCheckpointing(o.checkpointMs(), CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(o.parallelism());
        DataStream<Tuple2<String, String>> events = env
                .fromSource(KafkaTopics.source(o), WatermarkStrategy.noWatermarks(), "events: " + o.in())
                .uid("events");
        SingleOutputStreamOperator<Tuple3<String, String, Boolean>> scored = beforeKeying.apply(events)
                .map(new KeyEvents(bundle)).uid("entity-key").name("entity key")
                .keyBy(e -> e.f0, Types.STRING)
                .process(new ScoreEvents(bundle, o.allEvents(), o.driftWindow() > 0, o.riskTopic() != null), OUT).uid("score").name("score");
        scored.sinkTo(KafkaTopics.sink(o, o.out(), "alerts")).uid("alerts-sink").name("alerts: " + o.out());
        scored.getSideOutput(DEAD_LETTERS)
                .sinkTo(KafkaTopics.sink(o, o.deadLetter(), "dead-letters")).uid("dead-letter-sink").name("dead letters: " + o.deadLetter());
        if (o.driftWindow() > 0) {
            // one window for the whole stream, as the plain Kafka scorer keeps: a single instance
            SingleOutputStreamOperator<Tuple3<String, String, Boolean>> drift = scored.getSideOutput(DRIFT_ROWS)
                    .process(new DriftCheck(bundle, o.driftWindow(), o.driftEvery()), OUT)
                    .setParallelism(1).setMaxParallelism(1).uid("drift").name("drift");
            if (o.driftTopic() != null) {
                drift.sinkTo(KafkaTopics.sink(o, o.driftTopic(), "drift")).setParallelism(1).uid("drift-sink").name("drift: " + o.driftTopic());
            }
        }
        if (o.riskTopic() != null) {
            scored.getSideOutput(RISK_ALERTS)
                    .keyBy(a -> a.f0, Types.STRING)
                    .process(new RiskAlerts(o.riskHalfLifeMs()), OUT).uid("entity-risk").name("entity risk")
                    .sinkTo(KafkaTopics.sink(o, o.riskTopic(), "entity-risk")).uid("risk-sink").name("entity risk: " + o.riskTopic());
        }
    }
}
