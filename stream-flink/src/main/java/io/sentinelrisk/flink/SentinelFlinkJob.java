package io.sentinelrisk.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.util.function.UnaryOperator;

/**
 * The job's topology: Kafka events → entity key → keyBy(entity) → {@link ScoreEvents} (keyed
 * state, the bundle loaded once per task) → alerts to Kafka, exactly once; dead letters to their
 * own topic, exactly once too. Operators carry fixed uids so that a savepoint of one version of
 * the job restores into the next.
 */
public final class SentinelFlinkJob {
    /** Output records: (Kafka key, value, late). */
    static final TypeInformation<Tuple3<String, String, Boolean>> OUT = Types.TUPLE(Types.STRING, Types.STRING, Types.BOOLEAN);
    static final OutputTag<Tuple3<String, String, Boolean>> DEAD_LETTERS = new OutputTag<>("dead-letters", OUT);

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
                .process(new ScoreEvents(bundle, o.allEvents()), OUT).uid("score").name("score");
        scored.sinkTo(KafkaTopics.sink(o, o.out(), "alerts")).uid("alerts-sink").name("alerts: " + o.out());
        scored.getSideOutput(DEAD_LETTERS)
                .sinkTo(KafkaTopics.sink(o, o.deadLetter(), "dead-letters")).uid("dead-letter-sink").name("dead letters: " + o.deadLetter());
    }
}
