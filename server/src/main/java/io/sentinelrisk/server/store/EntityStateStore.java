package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
     */
    public static void save(Connection c, String source, String planId, Map<String, byte[]> states, long now) throws SQLException {
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
        try (PreparedStatement s = c.prepareStatement("INSERT INTO entity_state (source, plan_id, entity, updated_at, state) "
                + "VALUES (?, ?, ?, ?, ?)")) {
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
}
