package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.features.stream.EntityState;
import io.sentinelrisk.features.stream.EntityStateCodec;
import io.sentinelrisk.features.stream.StreamingFeatures;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EntityStateStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-entity feature state of ingested events, one feature engine per (source, feature plan):
 * the store's {@code entity_state} table is the truth and the engines are its cache. An entity is
 * loaded from the store the first time a request touches it; its state after the request is
 * written in the request's transaction ({@link EventIngest}); when the request fails, the
 * entities it touched are forgotten and read again next time, so memory never runs ahead of what
 * was committed. Keyed by plan, not by model version: a promotion that keeps the features (a
 * retrained calibration) continues the state. Not thread-safe: EventIngest calls it under its lock.
 */
final class EntityStates {
    private final Database db;
    /** By source and plan id. */
    private final Map<String, FeatureStage> byPlan = new HashMap<>();
    /** By source and model version, to skip compiling the plan again. */
    private final Map<String, FeatureStage> byVersion = new HashMap<>();

    EntityStates(Database db) {
        this.db = db;
    }

    /** The feature stage that keeps {@code source}'s entities for {@code model}, or null when the model has no feature plan. */
    FeatureStage stage(String source, ActiveModel model) {
        if (!model.stateful()) {
            return null;
        }
        String versionKey = source + '\u0000' + model.version();
        FeatureStage stage = byVersion.get(versionKey);
        if (stage == null) {
            FeatureStage fresh = FeatureStage.of(model.pipeline().features().orElseThrow());
            stage = byPlan.computeIfAbsent(source + '\u0000' + fresh.planId(), k -> fresh);
            byVersion.put(versionKey, stage);
        }
        return stage;
    }

    /**
     * Stores every entity of {@code from} as {@code source}'s state for {@code from}'s plan,
     * replacing what the store and memory held for them.
     */
    void start(String source, FeatureStage from) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        from.engine().states().forEach((key, st) -> all.put(key, EntityStateCodec.encodeEntity(st)));
        long now = System.currentTimeMillis();
        db.inTransaction("entity_state.start", c -> {
            EntityStateStore.save(c, source, from.planId(), from.engine().plan().ttlMs(), all, now);
            return null;
        });
        FeatureStage cached = byPlan.remove(source + '\u0000' + from.planId());
        if (cached != null) {
            byVersion.values().removeIf(s -> s == cached);
        }
    }

    /** The entities {@code raw} touches, each loaded from the store first when the engine does not hold it. */
    Set<String> load(FeatureStage stage, String source, Frame raw) {
        Set<String> touched = new LinkedHashSet<>(stage.entityKeys(raw));
        StreamingFeatures engine = stage.engine();
        List<String> missing = new ArrayList<>();
        for (String key : touched) {
            if (!engine.states().containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, byte[]> stored = db.read("entity_state.load", c -> EntityStateStore.load(c, source, stage.planId(), missing));
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                EntityState st = EntityStateCodec.decodeEntity(e.getValue(), engine, "stored state of entity '" + e.getKey() + "'");
                engine.putState(e.getKey(), st);
            }
        }
        return touched;
    }

    /** The touched entities' state to store: encoded, or null (delete) for one the engine dropped as idle. */
    Map<String, byte[]> encode(FeatureStage stage, Set<String> touched) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : touched) {
            EntityState st = stage.engine().states().get(key);
            out.put(key, st == null ? null : EntityStateCodec.encodeEntity(st));
        }
        return out;
    }

    /** Drops the touched entities from memory (after a failed request): the next one reads them from the store. */
    void forget(FeatureStage stage, Set<String> touched) {
        for (String key : touched) {
            stage.engine().removeState(key);
        }
    }

    /**
     * Drops from memory entities whose stored state was pruned ({@link EntityStatePruner}), so
     * that memory never holds a state the store no longer has; an entity moved since is read
     * again from the store next time.
     */
    void forgetPruned(String source, String planId, List<String> entities) {
        FeatureStage stage = byPlan.get(source + '\u0000' + planId);
        if (stage != null) {
            forget(stage, new LinkedHashSet<>(entities));
        }
    }
}
