package io.sentinelrisk.flink;

import io.sentinelrisk.stream.StreamScorer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * Gives each raw event (source, JSON) its entity key, the one {@link StreamScorer#scoreKeyed}
 * files the state under, so that keyBy sends all of an entity's events to the task holding its
 * state. An unreadable event gets the key "" and becomes a dead letter when scored.
 */
final class KeyEvents extends RichMapFunction<Tuple2<String, String>, Tuple3<String, String, String>> {
    private static final long serialVersionUID = 1L;
    private final byte[] bundle;
    private transient StreamScorer scorer;

    KeyEvents(byte[] bundle) {
        this.bundle = bundle;
    }

    @Override
    public void open(OpenContext context) {
        scorer = new StreamScorer(BundleCache.pipeline(bundle));
    }

    @Override
    public Tuple3<String, String, String> map(Tuple2<String, String> event) {
        return Tuple3.of(scorer.entityKey(event.f1), event.f0, event.f1);
    }
}
