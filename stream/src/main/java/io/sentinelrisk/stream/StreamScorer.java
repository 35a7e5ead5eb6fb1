package io.sentinelrisk.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.features.stream.EntityState;
import io.sentinelrisk.features.stream.EntityStateCodec;
import io.sentinelrisk.features.stream.StreamingFeatures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a stream of JSON events with a bundle, the same way {@code sentinel score} scores a file:
 * the engine-neutral core that every stream engine (the plain Kafka scorer, a Flink job) wraps
 * thinly. Each event walks the one record path: JSON → the bundle's frame
 * ({@link EventScorer#records}) → the feature stage against its entity's state → core's
 * {@link Scorer} → core's {@link RecordAlerts}. So an event's features, score, reasons and alert
 * equal those of the same event scored in a batch, as long as each entity's events arrive in event
 * time order (ties in any order).
 *
 * <p><b>Lifecycle.</b> Built once from a loaded {@link Pipeline} (compiling the feature plan,
 * binding the model): build one per task or slot, and reuse it for every event. Thread-confined:
 * not thread-safe, and an instance serves one of two modes, fixed by its first call:
 * <ul>
 *   <li><b>one process</b> — {@link #score(String, String)}: the scorer keeps every entity's state
 *   itself (idle entities are dropped once the stream's time has passed their last event by the
 *   plan's TTL plus {@link Options#allowedLatenessMs}); {@link #stateBytes()} and
 *   {@link #loadState} snapshot and restore all of it;</li>
 *   <li><b>keyed</b> — {@link #scoreKeyed(byte[], String, String)}: the engine owns per-entity
 *   keyed state (partition with {@link #entityKey(String)}); each call lends one entity's state
 *   bytes in and gets the new bytes back, and the scorer holds nothing between calls.</li>
 * </ul>
 *
 * <p><b>Bad input</b> never throws: an event that is not a JSON object, lacks the timestamp or
 * the entity, or has a value of the wrong type is a {@link StreamOutcome.DeadLetter} with the
 * reason, and its entity's state stays as it was. <b>Late events</b> (older than their entity's
 * latest event, which the batch engine refuses) are scored against the entity's state as of that
 * latest event, as if they had arrived then; they do not enter the state, are flagged
 * ({@link StreamOutcome.Scored#late()}) and counted ({@link Counts#late()}).
 *
 * <p><b>Alerts.</b> Every scored event carries its {@link Alert} (the one alert shape, built by
 * core's {@link RecordAlerts}); whether it is an alert to emit is {@link StreamOutcome.Scored#isAnomaly()}.
 * The alert's {@code source} is the {@code source} given per event (name the topic, or topic,
 * partition and offset so a bundle without an id column still gets distinct, replay-stable alert
 * ids); its {@code row} is 0.
 *
 * <p><b>Drift</b> (optional, {@link Options#driftWindowRows}): the scored events feed a
 * {@link DriftMonitor} over the bundle's training profile, and a {@link DriftAlert} rides on the
 * outcome of the event whose check crossed into {@code significant}.
 */
public final class StreamScorer {
    /** Larger events are dead letters: a stream event is one record, not a file. */
    public static final int MAX_EVENT_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Pipeline pipeline;
    private final EventScorer events;
    private final Scorer scorer;
    private final FeatureStage stage;
    private final DriftMonitor drift;
    /** Makes drift rows (a window of one, never analysed), or null when not asked for. */
    private final DriftMonitor driftRows;
    private Boolean keyedMode;
    private long scored;
    private long late;
    private long deadLetters;
    private long anomalies;

    /**
     * Tuning of a scorer.
     *
     * @param allowedLatenessMs one-process mode: how much longer than the plan's TTL an idle
     *                          entity is kept in memory, for streams whose entities run behind one
     *                          another (several partitions); features do not depend on it, memory does
     * @param driftWindowRows   events in the sliding drift window; 0 = no drift monitoring
     * @param driftEveryRows    a drift check every this many events
     * @param driftRows         put on every scored outcome its row as a drift window keeps it
     *                          ({@link StreamOutcome.Scored#driftRow()}), for an engine that scores in
     *                          parallel and monitors drift in one place ({@link DriftMonitor#addKept})
     */
    public record Options(long allowedLatenessMs, int driftWindowRows, int driftEveryRows, boolean driftRows) {
        public Options {
            if (allowedLatenessMs < 0 || driftWindowRows < 0 || driftEveryRows < 1) {
                throw new IllegalArgumentException("allowed lateness and drift window must be >= 0, the drift check interval >= 1");
            }
        }

        /** Without drift rows on the outcomes (drift, if any, monitored by the scorer itself). */
        public Options(long allowedLatenessMs, int driftWindowRows, int driftEveryRows) {
            this(allowedLatenessMs, driftWindowRows, driftEveryRows, false);
        }

        /** No extra lateness, no drift monitoring. */
        public static Options defaults() {
            return new Options(0, 0, 1);
        }
    }

    /** A scorer with {@link Options#defaults()}. */
    public StreamScorer(Pipeline pipeline) {
        this(pipeline, Options.defaults());
    }

    /**
     * A scorer of {@code pipeline}.
     *
     * @throws InputException when drift monitoring is asked of a bundle that keeps no training profile
     */
    public StreamScorer(Pipeline pipeline, Options options) {
        this.pipeline = pipeline;
        this.events = new EventScorer(pipeline, options.allowedLatenessMs());
        this.scorer = new Scorer(pipeline);
        this.stage = events.stage().orElse(null);
        if (options.driftWindowRows() > 0) {
            this.drift = new DriftMonitor(pipeline.profile().orElseThrow(() -> new InputException(
                    "this bundle keeps no training profile (made by an older release): retrain it to monitor drift")),
                    options.driftWindowRows(), options.driftEveryRows());
        } else {
            this.drift = null;
        }
        this.driftRows = options.driftRows() ? new DriftMonitor(pipeline.profile().orElseThrow(() -> new InputException(
                "this bundle keeps no training profile (made by an older release): retrain it to monitor drift")), 1, 1) : null;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Whether the bundle has a feature plan, i.e. per-entity state to keep. */
    public boolean stateful() {
        return stage != null;
    }

    /**
     * Scores one event in one-process mode: against the state the scorer keeps for its entity,
     * which the event then updates.
     *
     * @param eventJson one JSON object (fields the model does not read are ignored)
     * @param source    names the input in the alert and in reasons (a topic, a file)
     */
    public StreamOutcome score(String eventJson, String source) {
        mode(false);
        Frame raw;
        try {
            raw = frame(eventJson, source);
        } catch (InputException e) {
            return dead(e, eventJson);
        }
        try {
            return scoreFrame(raw, stage == null ? "" : stage.entityKeys(raw).get(0), source);
        } catch (InputException e) {
            return dead(e, eventJson);
        }
    }

    /**
     * Scores one event in keyed mode: against {@code entityStateOrNull} (the bytes a previous call
     * returned for this event's entity, or null for an entity without state yet).
     *
     * @return the outcome and the entity's new state bytes ({@link KeyedOutcome})
     * @throws InputException when the state bytes are not an entity state of this bundle's
     *                        feature plan (damaged, or kept by another bundle): that is the
     *                        engine's state, not bad event data
     */
    public KeyedOutcome scoreKeyed(byte[] entityStateOrNull, String eventJson, String source) {
        mode(true);
        Frame raw;
        try {
            raw = frame(eventJson, source);
        } catch (InputException e) {
            return new KeyedOutcome(dead(e, eventJson), entityStateOrNull);
        }
        if (stage == null) {
            try {
                return new KeyedOutcome(scoreFrame(raw, "", source), null);
            } catch (InputException e) {
                return new KeyedOutcome(dead(e, eventJson), null);
            }
        }
        String key = stage.entityKeys(raw).get(0);
        StreamingFeatures engine = stage.engine();
        try {
            if (entityStateOrNull != null) {
                // a damaged state is the engine's fault, not the event's: it throws
                engine.putState(key, EntityStateCodec.decodeEntity(entityStateOrNull, engine, source + " (entity state of '" + key + "')"));
            }
            StreamOutcome.Scored s;
            try {
                s = scoreFrame(raw, key, source);
            } catch (InputException e) {
                return new KeyedOutcome(dead(e, eventJson), entityStateOrNull);
            }
            EntityState st = engine.states().get(key);
            return new KeyedOutcome(s, s.late() || st == null ? entityStateOrNull : EntityStateCodec.encodeEntity(st));
        } finally {
            engine.removeState(key);   // the engine owns the state: hold nothing between calls
        }
    }

    /**
     * The key of the event's entity, for an engine to partition events by before scoring (Flink's
     * {@code keyBy}): the same key {@link #scoreKeyed} files the state under. "" when the bundle has
     * no feature plan (no state: any partitioning is right) and for an event that cannot be read
     * (its scoring gives the dead letter). Does not change any state.
     */
    public String entityKey(String eventJson) {
        if (stage == null) {
            return "";
        }
        JsonNode event;
        try {
            event = parse(eventJson);
        } catch (InputException e) {
            return "";
        }
        String fast = textKey(event);
        if (fast != null) {
            return fast;
        }
        try {
            return stage.entityKeys(events.records(List.of(event), "key")).get(0);
        } catch (InputException e) {
            return "";
        }
    }

    /** What the scorer has seen so far. */
    public record Counts(long scored, long anomalies, long late, long deadLetters) {
    }

    public Counts counts() {
        return new Counts(scored, anomalies, late, deadLetters);
    }

    /** One-process mode: every entity's state (features' {@code FeatureStage#stateBytes}); null without a feature plan. */
    public byte[] stateBytes() {
        return stage == null ? null : stage.stateBytes();
    }

    /** One-process mode: restores what {@link #stateBytes()} gave; {@code source} names it in errors. */
    public void loadState(byte[] bytes, String source) {
        mode(false);
        events.requireFeatures("state").loadState(bytes, source);
    }

    /**
     * The drift monitor's state (its window, the events seen, the columns now significant), or null
     * without drift monitoring: saved with the entity state so a restart continues the same window.
     */
    public byte[] driftStateBytes() {
        return drift == null ? null : drift.stateBytes();
    }

    /**
     * Restores what {@link #driftStateBytes()} gave, so drift checks continue as in one uninterrupted
     * run; ignored without drift monitoring (the run that saved it monitored drift, this one does
     * not). {@code source} names the bytes in errors.
     */
    public void restoreDrift(byte[] bytes, String source) {
        if (drift != null) {
            drift.restore(bytes, source);
        }
    }

    /** One-process mode: one entity's state ({@code EntityStateCodec} entity bytes), or null when it holds none. */
    public byte[] entityState(String key) {
        mode(false);
        EntityState st = stage == null ? null : stage.engine().states().get(key);
        return st == null ? null : EntityStateCodec.encodeEntity(st);
    }

    /** One-process mode: sets one entity's state from {@link #entityState} bytes; {@code source} names them in errors. */
    public void putEntityState(String key, byte[] bytes, String source) {
        mode(false);
        StreamingFeatures engine = events.requireFeatures("state").engine();
        engine.putState(key, EntityStateCodec.decodeEntity(bytes, engine, source));
    }

    /** Entities held in memory (one-process mode). */
    public int entities() {
        return stage == null ? 0 : stage.entities();
    }

    // ---- the one record path ----

    private StreamOutcome.Scored scoreFrame(Frame raw, String key, String source) {
        boolean isLate = false;
        Frame frame;
        if (stage == null) {
            frame = raw;
        } else {
            long t = stage.eventTime(raw, 0);
            EntityState st = stage.engine().states().get(key);
            if (st != null && t != Long.MIN_VALUE && t < st.lastTimestamp()) {
                isLate = true;
                frame = lateFrame(raw, key, st, source);
            } else {
                frame = stage.enrich(raw, null, source);
            }
        }
        ScoredRecord rec = scorer.scoreOne(frame, source);
        Alert alert = RecordAlerts.of(pipeline, frame, List.of(rec), source).get(0);
        DriftAlert d = drift == null ? null : drift.add(frame, 0, rec.score());
        scored++;
        if (isLate) {
            late++;
        }
        if (rec.isAnomaly()) {
            anomalies++;
        }
        return new StreamOutcome.Scored(rec, alert, key, isLate, d, driftRows == null ? null : driftRows.kept(frame, 0, rec.score()));
    }

    /**
     * A late event's frame: its features computed at its entity's latest time (the state as it is
     * now, without the ties pending at that time), then the state put back as it was, and the
     * event's own time restored for the model.
     */
    private Frame lateFrame(Frame raw, String key, EntityState st, String source) {
        StreamingFeatures engine = stage.engine();
        FeaturePlan plan = engine.plan();
        int c = raw.schema().indexOf(plan.slots().get(plan.timestampSlot()).column());
        byte[] saved = EntityStateCodec.encodeEntity(st);
        List<Column> clamped = new ArrayList<>(raw.columns());
        clamped.set(c, new Column.Timestamp(raw.column(c).name(), new long[] {st.lastTimestamp()}));
        Frame enriched;
        try {
            enriched = stage.enrich(new Frame(raw.schema(), clamped), null, source);
        } finally {
            engine.putState(key, EntityStateCodec.decodeEntity(saved, engine, source));
        }
        List<Column> restored = new ArrayList<>(enriched.columns());
        restored.set(c, raw.column(c));
        return new Frame(enriched.schema(), restored);
    }

    private Frame frame(String eventJson, String source) {
        return events.records(List.of(parse(eventJson)), source);
    }

    private static JsonNode parse(String eventJson) {
        if (eventJson == null) {
            throw new InputException("an empty message: expected a JSON object");
        }
        if (eventJson.length() > MAX_EVENT_BYTES && eventJson.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            throw new InputException("an event larger than " + MAX_EVENT_BYTES + " bytes: expected one JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InputException("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InputException("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    /**
     * The key straight from the JSON when every entity field is non-blank text read as a category
     * (what a frame would hold, without building one); null when the frame must decide.
     */
    private String textKey(JsonNode event) {
        FeaturePlan plan = stage.engine().plan();
        int[] slots = plan.entitySlots();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            String column = plan.slots().get(slots[i]).column();
            JsonNode x = event.get(column);
            int f = pipeline.inputSchema().indexOf(column);
            if (x == null || !x.isTextual() || x.asText().isBlank() || f < 0
                    || pipeline.inputSchema().field(f).type() != ColumnType.CATEGORICAL) {
                return null;
            }
            if (i > 0) {
                key.append(StreamingFeatures.KEY_SEPARATOR);
            }
            key.append(x.asText());
        }
        return key.toString();
    }

    private StreamOutcome.DeadLetter dead(InputException e, String raw) {
        deadLetters++;
        String reason = e.getMessage() == null ? "the event cannot be scored" : e.getMessage();
        return new StreamOutcome.DeadLetter(reason, raw);
    }

    private void mode(boolean keyed) {
        if (keyedMode == null) {
            keyedMode = keyed;
            if (keyed && stage != null) {
                // the engine sees entities of every key but holds one at a time: its idle sweep,
                // which goes by the newest time seen, must never drop the state being lent to it
                stage.engine().allowLateness(Long.MAX_VALUE / 4);
            }
        } else if (keyedMode != keyed) {
            throw new IllegalStateException("a StreamScorer serves one mode: " + (keyedMode ? "keyed (scoreKeyed)" : "one process (score)")
                    + "; build another for the other");
        }
    }
}
