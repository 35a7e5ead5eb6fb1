package io.sentinelrisk.server.store;

import io.sentinelrisk.features.stream.EntityStateCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity_state table: each entity's feature state as encoded bytes, keyed by source, feature
 * plan and entity. Written in the transaction of the events that moved it.
 */
public final class EntityStateStore {
    private static final int IN_CHUNK = 500;

    private EntityStateStore() {
    }

    /** The stored states among {@code entities}, by entity. */
    public static Map<String, byte[]> load(Connection c, String source, String planId, Collection<String> entities)
            throws SQLException {
        Map<String, byte[]> out = new HashMap<>();
        List<String> all = List.copyOf(entities);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            String marks = "?,".repeat(chunk.size());
            try (PreparedStatement s = c.prepareStatement("SELECT entity, state FROM entity_state WHERE source = ? AND plan_id = ? "
                    + "AND entity IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                s.setString(1, source);
                s.setString(2, planId);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 3, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getBytes(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Replaces the stored state of each entity of {@code states}; a null value deletes it (the
     * engine dropped the entity as idle). Delete-then-insert, which H2 and PostgreSQL both run.
     * Each row keeps its latest event time and when it expires (that time plus the plan's
     * {@code ttlMs}), which pruning reads.
     */
    public static void save(Connection c, String source, String planId, long ttlMs, Map<String, byte[]> states, long now)
            throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM entity_state WHERE source = ? AND plan_id = ? AND entity = ?")) {
            for (String entity : states.keySet()) {
                s.setString(1, source);
                s.setString(2, planId);
                s.setString(3, entity);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO entity_state (source, plan_id, entity, updated_at, state, "
                + "last_event_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<String, byte[]> e : states.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                s.setString(1, source);
                s.setString(2, planId);
                s.setString(3, e.getKey());
                s.setLong(4, now);
                s.setBytes(5, e.getValue());
                long last = EntityStateCodec.lastEventTime(e.getValue());
                s.setLong(6, last);
                s.setLong(7, expiry(last, ttlMs));
                s.addBatch();
                n++;
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
    }

    /** How many entity states are stored for a source and plan (for tests and the docs' numbers). */
    public static int count(Connection c, String source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM entity_state WHERE source = ?")) {
            s.setString(1, source);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The event time after which a state whose latest event is {@code last} is as good as none (saturating). */
    static long expiry(long last, long ttlMs) {
        long sum = last + ttlMs;
        return ((last ^ sum) & (ttlMs ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A source and feature plan that have stored states, with the newest event time among them. */
    public record Plan(String source, String planId, long newestEvent) {
    }

    /** Every (source, plan) with stored states that carry event times. */
    public static List<Plan> plans(Connection c) throws SQLException {
        List<Plan> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT source, plan_id, MAX(last_event_at) FROM entity_state "
                + "WHERE last_event_at IS NOT NULL GROUP BY source, plan_id ORDER BY source, plan_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Plan(r.getString(1), r.getString(2), r.getLong(3)));
            }
        }
        return out;
    }

    /**
     * Deletes at most {@code limit} states of {@code source} and {@code planId} that expired before
     * {@code cutoff} (event time); returns their entities. The delete checks the expiry again, so a
     * state that an ingest rewrote in between is kept.
     */
    public static List<String> pruneExpired(Connection c, String source, String planId, long cutoff, int limit) throws SQLException {
        List<String> entities = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT entity FROM entity_state WHERE source = ? AND plan_id = ? "
                + "AND expires_at < ? FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setString(1, source);
            s.setString(2, planId);
            s.setLong(3, cutoff);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entities.add(r.getString(1));
                }
            }
        }
        if (entities.isEmpty()) {
            return entities;
        }
        List<String> deleted = new ArrayList<>(entities.size());
        try (PreparedStatement s = c.prepareStatement("DELETE FROM entity_state WHERE source = ? AND plan_id = ? AND entity = ? "
                + "AND expires_at < ?")) {
            for (String entity : entities) {
                s.setString(1, source);
                s.setString(2, planId);
                s.setString(3, entity);
                s.setLong(4, cutoff);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO: the driver did not say; the entity is forgotten in memory either way
                if (counts[i] != 0) {
                    deleted.add(entities.get(i));
                }
            }
        }
        return deleted;
    }

    /** How many entity states are stored in all. */
    public static long countAll(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM entity_state"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
