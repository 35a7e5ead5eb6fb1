package io.sentinelrisk.flink;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.RunningRisk;
import io.sentinelrisk.stream.EntityRisks;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Entity risk, keyed by the alert's entity (which need not be the feature plan's key): each alert
 * that counts moves its entity's {@link RunningRisk}, kept as bytes in checkpointed keyed state,
 * and the entity's new risk goes out as the {@code RiskUpdate} JSON keyed by entity (the plain
 * Kafka scorer's message, core's formula).
 *
 * <p>In: (entity, event time ms, risk, severity ordinal, alert id), from {@link #of}.
 */
final class RiskAlerts extends KeyedProcessFunction<String, Tuple5<String, Long, Double, Integer, String>, Tuple3<String, String, Boolean>> {
    private static final long serialVersionUID = 1L;
    static final TypeInformation<Tuple5<String, Long, Double, Integer, String>> TYPE =
            Types.TUPLE(Types.STRING, Types.LONG, Types.DOUBLE, Types.INT, Types.STRING);
    private final long halfLifeMs;
    private transient EntityRisks risks;
    private transient ValueState<byte[]> state;

    RiskAlerts(long halfLifeMs) {
        this.halfLifeMs = halfLifeMs;
    }

    static Tuple5<String, Long, Double, Integer, String> of(EntityAlert a) {
        return Tuple5.of(a.entity(), a.eventMillis(), a.risk(), a.severity().ordinal(), a.alertId());
    }

    @Override
    public void open(OpenContext context) {
        risks = new EntityRisks(halfLifeMs);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("entity-risk", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(Tuple5<String, Long, Double, Integer, String> a, Context ctx, Collector<Tuple3<String, String, Boolean>> out)
            throws Exception {
        Severity s = Severity.values()[a.f3];
        EntityAlert alert = new EntityAlert(a.f4, 0, a.f0, a.f1, a.f2, s, s.id());
        byte[] before = state.value();
        RunningRisk after = risks.next(before == null ? null : RunningRisk.fromBytes(before, "entity risk of '" + a.f0 + "'"), alert);
        state.update(after.toBytes());
        out.collect(Tuple3.of(a.f0, Json.line(risks.update(a.f0, after, a.f4)), false));
    }
}
