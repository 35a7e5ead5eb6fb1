package io.sentinelrisk.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events and alerts tables, written together: an event and its alert commit in one transaction. */
public final class EventStore {
    private static final int IN_CHUNK = 500;

    private EventStore() {
    }

    /** The stored events among {@code ids}, by id. */
    public static Map<String, EventRow> existing(Connection c, List<String> ids) throws SQLException {
        Map<String, EventRow> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = "?,".repeat(chunk.size());
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, entity, event_time, received_at, score, risk, severity, "
                    + "is_anomaly, alert_id, model_version FROM events WHERE event_id IN (" + marks.substring(0, marks.length() - 1) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        EventRow e = event(r);
                        out.put(e.eventId(), e);
                    }
                }
            }
        }
        return out;
    }

    /** Stores events of {@code source}. */
    public static void insertEvents(Connection c, List<EventRow> rows, String source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (event_id, entity, event_time, received_at, score, risk, "
                + "severity, is_anomaly, alert_id, model_version, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EventRow e : rows) {
                s.setString(1, e.eventId());
                s.setString(2, e.entity());
                setLong(s, 3, e.eventTime());
                s.setLong(4, e.receivedAt());
                s.setDouble(5, e.score());
                s.setDouble(6, e.risk());
                s.setString(7, e.severity());
                s.setBoolean(8, e.isAnomaly());
                s.setString(9, e.alertId());
                s.setString(10, e.modelVersion());
                s.setString(11, source);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void insertAlerts(Connection c, List<AlertRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts (id, event_id, entity, event_time, created_at, severity, "
                + "category, source, status, assignee, updated_at, risk, score, model_version, body) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AlertRow a : rows) {
                s.setString(1, a.id());
                s.setString(2, a.eventId());
                s.setString(3, a.entity());
                setLong(s, 4, a.eventTime());
                s.setLong(5, a.createdAt());
                s.setString(6, a.severity());
                s.setString(7, a.category());
                s.setString(8, a.source());
                s.setString(9, a.status());
                s.setString(10, a.assignee());
                s.setLong(11, a.updatedAt());
                s.setDouble(12, a.risk());
                s.setDouble(13, a.score());
                s.setString(14, a.modelVersion());
                s.setString(15, a.body());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** An entity's events in time order (at most {@code limit}, the latest ones). */
    public static List<EventRow> entityEvents(Connection c, String entity, int limit) throws SQLException {
        List<EventRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, entity, event_time, received_at, score, risk, severity, "
                + "is_anomaly, alert_id, model_version FROM events WHERE entity = ? ORDER BY event_time DESC, received_at DESC")) {
            s.setString(1, entity);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(event(r));
                }
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Raw scores of the latest {@code limit} events of {@code source} (the traffic a recalibration is fitted on). */
    public static double[] recentScores(Connection c, String source, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT score FROM events WHERE source = ? ORDER BY received_at DESC")) {
            s.setString(1, source);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                double[] out = new double[Math.min(limit, 1024)];
                int n = 0;
                while (r.next()) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = r.getDouble(1);
                }
                return java.util.Arrays.copyOf(out, n);
            }
        }
    }

    /** An entity with its highest risk, its counts of events and alerts and its latest event time (GET /v1/entities). */
    public record EntityRank(@JsonProperty("entity") String entity, @JsonProperty("max_risk") double maxRisk,
                             @JsonProperty("events") long events, @JsonProperty("alerts") long alerts,
                             @JsonProperty("last_event_time") String lastEventTime) {
    }

    /** Entities ranked by their highest risk, then by most alerts, then by name; at most {@code limit}. */
    public static List<EntityRank> rankedEntities(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT entity, MAX(risk) AS max_risk, COUNT(*) AS n, "
                + "SUM(CASE WHEN alert_id IS NULL THEN 0 ELSE 1 END) AS alerts, MAX(event_time) AS last_time "
                + "FROM events WHERE entity IS NOT NULL GROUP BY entity ORDER BY max_risk DESC, alerts DESC, entity")) {
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                List<EntityRank> out = new ArrayList<>();
                while (r.next()) {
                    Long last = getLong(r, "last_time");
                    out.add(new EntityRank(r.getString("entity"), r.getDouble("max_risk"), r.getLong("n"), r.getLong("alerts"),
                            last == null ? null : java.time.Instant.ofEpochMilli(last).toString()));
                }
                return out;
            }
        }
    }

    static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    static Long getLong(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static EventRow event(ResultSet r) throws SQLException {
        return new EventRow(r.getString("event_id"), r.getString("entity"), getLong(r, "event_time"), r.getLong("received_at"),
                r.getDouble("score"), r.getDouble("risk"), r.getString("severity"), r.getBoolean("is_anomaly"),
                r.getString("alert_id"), r.getString("model_version"));
    }
}
