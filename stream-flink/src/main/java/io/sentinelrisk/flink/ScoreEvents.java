package io.sentinelrisk.flink;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.stream.EntityRisks;
import io.sentinelrisk.stream.KeyedOutcome;
import io.sentinelrisk.stream.StreamOutcome;
import io.sentinelrisk.stream.StreamScorer;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each event against its entity's state, kept by Flink as the scorer's compact entity
 * bytes ({@code ValueState<byte[]>}: checkpointed and rescaled with the key, never Java-serialized).
 * The bundle is loaded once per task in {@link #open}.
 *
 * <p>Out: (entity, Alert JSON, late) for the alerts, or for every scored event with
 * {@code allEvents}; malformed events go to {@link SentinelFlinkJob#DEAD_LETTERS} with the reason,
 * and the job goes on. Late events are scored, flagged and counted (metric {@code lateEvents}).
 */
final class ScoreEvents extends KeyedProcessFunction<String, Tuple3<String, String, String>, Tuple3<String, String, Boolean>> {
    private static final long serialVersionUID = 1L;
    private final byte[] bundle;
    private final boolean allEvents;
    private final boolean driftRows;
    private final boolean risk;
    private transient StreamScorer scorer;
    private transient ValueState<byte[]> entityState;
    private transient Counter scored;
    private transient Counter alerts;
    private transient Counter late;
    private transient Counter deadLetters;
    /** The same counts as accumulators: a finished (bounded) run reports their totals. */
    private transient LongCounter[] totals;

    /**
     * @param driftRows every scored event's drift row to {@link SentinelFlinkJob#DRIFT_ROWS}
     * @param risk      every alert that counts for entity risk to {@link SentinelFlinkJob#RISK_ALERTS}
     */
    ScoreEvents(byte[] bundle, boolean allEvents, boolean driftRows, boolean risk) {
        this.bundle = bundle;
        this.allEvents = allEvents;
        this.driftRows = driftRows;
        this.risk = risk;
    }

    @Override
    public void open(OpenContext context) {
        // drift is monitored by the job's one drift operator, over the rows this function sends it
        scorer = new StreamScorer(BundleCache.pipeline(bundle), new StreamScorer.Options(0, 0, 1, driftRows));
        entityState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("entity-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("sentinel");
        scored = metrics.counter("scoredEvents");
        alerts = metrics.counter("alerts");
        late = metrics.counter("lateEvents");
        deadLetters = metrics.counter("deadLetters");
        totals = new LongCounter[RunTotals.NAMES.size()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = getRuntimeContext().getLongCounter(RunTotals.NAMES.get(i));
        }
    }

    /** @param event (entity key, source, JSON) */
    @Override
    public void processElement(Tuple3<String, String, String> event, Context ctx, Collector<Tuple3<String, String, Boolean>> out)
            throws Exception {
        KeyedOutcome result = scorer.scoreKeyed(entityState.value(), event.f2, event.f1);
        switch (result.outcome()) {
            case StreamOutcome.DeadLetter dead -> {
                deadLetters.inc();
                totals[RunTotals.DEAD_LETTERS].add(1);
                // the plain Kafka scorer's dead-letter shape: {"reason", "source", "raw"}
                ctx.output(SentinelFlinkJob.DEAD_LETTERS,
                        Tuple3.of(null, Json.line(new KafkaScorer.DeadLetterMessage(dead.reason(), event.f1, dead.raw())), false));
            }
            case StreamOutcome.Scored s -> {
                if (result.entityState() == null) {
                    entityState.clear();
                } else {
                    entityState.update(result.entityState());
                }
                scored.inc();
                totals[RunTotals.SCORED].add(1);
                if (s.late()) {
                    late.inc();
                    totals[RunTotals.LATE].add(1);
                }
                if (s.isAnomaly()) {
                    alerts.inc();
                    totals[RunTotals.ALERTS].add(1);
                }
                if (allEvents || s.isAnomaly()) {
                    out.collect(Tuple3.of(s.entity().isEmpty() ? null : s.entity(), Json.line(s.alert()), s.late()));
                }
                if (driftRows) {
                    ctx.output(SentinelFlinkJob.DRIFT_ROWS, s.driftRow());
                }
                EntityAlert counted = risk ? EntityRisks.placed(s.alert()) : null;
                if (counted != null) {
                    ctx.output(SentinelFlinkJob.RISK_ALERTS, RiskAlerts.of(counted));
                }
            }
        }
    }
}
