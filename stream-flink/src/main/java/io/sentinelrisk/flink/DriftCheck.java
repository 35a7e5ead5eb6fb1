package io.sentinelrisk.flink;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.stream.DriftAlert;
import io.sentinelrisk.stream.DriftMonitor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's drift monitor: the stream module's {@link DriftMonitor} (the Kafka scorer's), fed the
 * drift rows of every scored event by all scoring tasks. It runs as one instance (parallelism 1),
 * so there is one sliding window over the whole stream, as in {@code sentinel stream run}: with
 * the events arriving in the same order (one partition, or a scoring parallelism of 1), it gives
 * the same drift alerts at the same event counts. Its window lives in operator state, in the
 * monitor's own bytes: a restore from a checkpoint continues with the window as it was.
 *
 * <p>Out: (key "drift", drift alert JSON, false), as the Kafka scorer writes it.
 */
final class DriftCheck extends ProcessFunction<double[], Tuple3<String, String, Boolean>> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DriftCheck.class);
    private final byte[] bundle;
    private final int window;
    private final int every;
    private transient DriftMonitor monitor;
    private transient ListState<byte[]> saved;
    private transient Counter alerts;

    DriftCheck(byte[] bundle, int window, int every) {
        this.bundle = bundle;
        this.window = window;
        this.every = every;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        TrainingProfile profile = BundleCache.pipeline(bundle).profile().orElseThrow(
                () -> new IllegalStateException("the bundle keeps no training profile: drift cannot be monitored"));
        monitor = new DriftMonitor(profile, window, every);
        saved = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("drift-monitor", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            for (byte[] b : saved.get()) {
                monitor.restore(b, "the drift monitor's checkpointed state");
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        saved.update(java.util.List.of(monitor.stateBytes()));
    }

    @Override
    public void open(OpenContext context) {
        alerts = getRuntimeContext().getMetricGroup().addGroup("sentinel").counter("driftAlerts");
    }

    @Override
    public void processElement(double[] row, Context ctx, Collector<Tuple3<String, String, Boolean>> out) {
        DriftAlert a = monitor.addKept(row);
        if (a != null) {
            alerts.inc();
            getRuntimeContext().getLongCounter(RunTotals.NAMES.get(RunTotals.DRIFT_ALERTS)).add(1);
            LOG.warn("drift after {} events: {} significant (PSI ≥ 0.25)", a.events(), a.significant());
            out.collect(Tuple3.of("drift", Json.line(a), false));
        }
    }
}
