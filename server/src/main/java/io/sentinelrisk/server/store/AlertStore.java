package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and updates of stored alerts (they are written with their event by {@link EventStore}). */
public final class AlertStore {
    static final String COLUMNS = "seq, id, event_id, entity, event_time, created_at, severity, category, source, status, "
            + "assignee, updated_at, risk, score, model_version, body";

    private AlertStore() {
    }

    /** Alerts matching {@code q}, newest first, at most {@code q.limit()}. */
    public static List<AlertRow> list(Connection c, AlertQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "severity = ?", q.severity());
        where(sql, args, "category = ?", q.category());
        where(sql, args, "entity = ?", q.entity());
        where(sql, args, "status = ?", q.status());
        where(sql, args, "source = ?", q.source());
        where(sql, args, "event_time >= ?", q.from());
        where(sql, args, "event_time < ?", q.to());
        where(sql, args, "seq < ?", q.before());
        sql.append(" ORDER BY seq DESC");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setMaxRows(q.limit());
            try (ResultSet r = s.executeQuery()) {
                List<AlertRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r));
                }
                return out;
            }
        }
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    public static Optional<AlertRow> get(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** An entity's alerts in event-time order (at most {@code limit}, the latest). */
    public static List<AlertRow> forEntity(Connection c, String entity, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE entity = ? ORDER BY event_time DESC, seq DESC")) {
            s.setString(1, entity);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                List<AlertRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r));
                }
                java.util.Collections.reverse(out);
                return out;
            }
        }
    }

    /** Alerts with an entity, in (entity, event time) order, newer than {@code since}: what incidents are grouped from. */
    public static List<AlertRow> withEntitySince(Connection c, long since, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE entity IS NOT NULL "
                + "AND event_time >= ? ORDER BY entity, event_time, seq")) {
            s.setLong(1, since);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                List<AlertRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r));
                }
                return out;
            }
        }
    }

    /** Sets status and/or assignee (null = unchanged); false when there is no such alert. */
    public static boolean update(Connection c, String id, String status, String assignee, boolean clearAssignee, long now)
            throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE alerts SET updated_at = ?");
        List<Object> args = new ArrayList<>();
        args.add(now);
        if (status != null) {
            sql.append(", status = ?");
            args.add(status);
            if (!"open".equals(status)) {
                // the first time the status leaves 'open' is the response time the SLA is measured against
                sql.append(", responded_at = COALESCE(responded_at, ?)");
                args.add(now);
            }
        }
        if (assignee != null || clearAssignee) {
            sql.append(", assignee = ?");
            args.add(assignee);
        }
        sql.append(" WHERE id = ?");
        args.add(id);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == null) {
                    s.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    s.setObject(i + 1, args.get(i));
                }
            }
            return s.executeUpdate() == 1;
        }
    }

    static AlertRow row(ResultSet r) throws SQLException {
        return new AlertRow(r.getLong("seq"), r.getString("id"), r.getString("event_id"), r.getString("entity"),
                EventStore.getLong(r, "event_time"), r.getLong("created_at"), r.getString("severity"), r.getString("category"),
                r.getString("source"), r.getString("status"), r.getString("assignee"), r.getLong("updated_at"),
                r.getDouble("risk"), r.getDouble("score"), r.getString("model_version"), r.getString("body"));
    }
}
