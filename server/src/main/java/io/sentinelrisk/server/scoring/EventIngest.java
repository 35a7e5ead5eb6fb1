package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.store.AlertRow;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EntityStateStore;
import io.sentinelrisk.server.store.EventRow;
import io.sentinelrisk.server.store.EventInputStore;
import io.sentinelrisk.server.store.EventStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /v1/events}: score raw events and store them, idempotently on {@code event_id}.
 * Under one lock (the feature engines are not thread-safe): look up which ids are already
 * stored, score only the new ones as one block (their entities' feature state read from the
 * store when not in memory, {@link EntityStates}), then write their event rows, the alerts of
 * those above the threshold and the entities' new state in one transaction. An id seen before
 * answers its stored result and changes nothing, so a retried batch never duplicates.
 */
public final class EventIngest {
    /** What one event got. {@code duplicate} = it was stored by an earlier request. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(@JsonProperty("event_id") String eventId,
                         @JsonProperty("duplicate") boolean duplicate,
                         @JsonProperty("alert_id") String alertId,
                         @JsonProperty("score") double score,
                         @JsonProperty("risk") double risk,
                         @JsonProperty("severity") String severity,
                         @JsonProperty("is_anomaly") boolean isAnomaly,
                         @JsonProperty("model_version") String modelVersion) {
    }

    /** A stored alert: its row and the alert it was made from. */
    public record Stored(AlertRow row, Alert alert) {
    }

    /** Hears of alerts once their transaction has committed (for sending them on, e.g. to delivery routes). */
    @FunctionalInterface
    public interface AlertListener {
        void stored(List<Stored> alerts);
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter ALERT_WRITER =
            new com.fasterxml.jackson.databind.ObjectMapper().writerFor(Alert.class);

    /** What a request got: the version that scored it and each event's result, in request order. */
    public record Outcome(String modelVersion, List<Result> results) {
        public int duplicates() {
            int n = 0;
            for (Result r : results) {
                n += r.duplicate() ? 1 : 0;
            }
            return n;
        }
    }

    private final Database db;
    private final ServerMetrics metrics;
    private final ModelRegistry models;
    private final EntityStates states;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AlertListener listener = alerts -> { };

    public EventIngest(Database db, ServerMetrics metrics, ModelRegistry models) {
        this.db = db;
        this.metrics = metrics;
        this.models = models;
        this.states = new EntityStates(db);
    }

    /**
     * Ingests raw events of {@code source} (one JSON object or an array) with the source's
     * champion (else the default model; 422 when there is neither): the service behind
     * {@code POST /v1/events}, also fed in-process (e.g. by the demo).
     */
    public Outcome ingest(String source, com.fasterxml.jackson.databind.JsonNode body, int batchLimit) {
        ActiveModel model = models.forSource(source);
        RecordBatch batch = RecordBatch.forEvents(body, model.pipeline().inputSchema(), batchLimit, model.fields());
        return new Outcome(model.version(), ingest(model, batch, source));
    }

    public void listener(AlertListener l) {
        this.listener = l;
    }

    /**
     * Starts {@code source}'s entities from the state of {@code stage} (e.g. the one that computed
     * a model's training features, so that events continue where training ended, as
     * {@code sentinel score --state} does); replaces the stored state of those entities.
     */
    public void startState(String source, FeatureStage stage) {
        lock.lock();
        try {
            states.start(source, stage);
        } finally {
            lock.unlock();
        }
    }

    /** Drops pruned entities from the in-memory feature state (under the ingest lock, a few map removals). */
    void forgetPruned(String source, String planId, List<String> entities) {
        lock.lock();
        try {
            states.forgetPruned(source, planId, entities);
        } finally {
            lock.unlock();
        }
    }

    public List<Result> ingest(ActiveModel model, RecordBatch batch, String source) {
        List<Result> results;
        List<AlertRow> stored = new ArrayList<>();
        List<Stored> committed = new ArrayList<>();
        lock.lock();
        try {
            Map<String, EventRow> known = db.read("events.lookup", c -> EventStore.existing(c, batch.eventIds()));
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (!known.containsKey(batch.eventIds().get(i))) {
                    fresh.add(i);
                }
            }
            Map<String, Result> scoredNow = new HashMap<>();
            if (!fresh.isEmpty()) {
                List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>(fresh.size());
                for (int i : fresh) {
                    records.add(batch.records().get(i));
                }
                Frame raw = RecordScoring.records(model, records, source, batch.single());
                FeatureStage stage = states.stage(source, model);
                Set<String> touched = stage == null ? Set.of() : states.load(stage, source, raw);
                try {
                    RecordScoring.Scored scored = RecordScoring.score(model, stage, raw, source, batch.single());
                    Map<String, byte[]> moved = stage == null ? Map.of() : states.encode(stage, touched);
                    long now = System.currentTimeMillis();
                    List<EventRow> events = new ArrayList<>(fresh.size());
                    for (int k = 0; k < fresh.size(); k++) {
                        int i = fresh.get(k);
                        ScoredRecord s = scored.records().get(k);
                        Alert a = scored.alerts().get(k);
                        String id = batch.eventIds().get(i);
                        Long time = batch.eventTimes()[i] == Long.MIN_VALUE ? null : batch.eventTimes()[i];
                        String alertId = null;
                        if (a.isAnomaly()) {
                            alertId = UUID.randomUUID().toString();
                            AlertRow row = new AlertRow(0, alertId, id, batch.entities().get(i), time, now, a.severity(),
                                    category(a), source, "open", null, now, a.risk(), a.score(), model.version(), json(a));
                            stored.add(row);
                            committed.add(new Stored(row, a));
                        }
                        events.add(new EventRow(id, batch.entities().get(i), time, now, s.score(), a.risk(), a.severity(),
                                a.isAnomaly(), alertId, model.version()));
                        scoredNow.put(id, new Result(id, false, alertId, s.score(), a.risk(), a.severity(), a.isAnomaly(),
                                model.version()));
                    }
                    List<EventInputStore.Row> inputs = ProfiledInputs.rows(model.pipeline().profile().orElse(null),
                            model.version(), scored.frame(), scored.records(), source, now);
                    // one transaction: the events, their alerts, their inputs and the state they moved commit together
                    db.inTransaction("events.ingest", c -> {
                        EventStore.insertEvents(c, events, source);
                        EventStore.insertAlerts(c, stored);
                        EventInputStore.insert(c, inputs);
                        if (stage != null) {
                            EntityStateStore.save(c, source, stage.planId(), stage.engine().plan().ttlMs(), moved, now);
                        }
                        return null;
                    });
                } catch (RuntimeException e) {
                    if (stage != null) {
                        states.forget(stage, touched);
                    }
                    stored.clear();
                    committed.clear();
                    throw e;
                }
            }
            results = new ArrayList<>(batch.size());
            for (String id : batch.eventIds()) {
                EventRow old = known.get(id);
                results.add(old != null
                        ? new Result(id, true, old.alertId(), old.score(), old.risk(), old.severity(), old.isAnomaly(), old.modelVersion())
                        : scoredNow.get(id));
            }
            metrics.eventsScored(fresh.size());
        } finally {
            lock.unlock();
        }
        for (AlertRow a : stored) {
            metrics.alertStored(a.severity(), a.category());
        }
        if (!committed.isEmpty()) {
            listener.stored(committed);
        }
        return results;
    }

    /** The alert's business category when the bundle has a mapping, else null. */
    static String category(Alert a) {
        return a.business() == null ? null : a.business().category();
    }

    static String json(Alert a) {
        try {
            return ALERT_WRITER.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert", e);
        }
    }
}
