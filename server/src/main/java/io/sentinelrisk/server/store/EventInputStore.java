package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code event_inputs} table: the profiled model inputs of recent events, what feature
 * distributions and drift are measured on. Kept bounded: after each insert only the latest
 * {@link #KEEP} rows of each source written to remain.
 */
public final class EventInputStore {
    /** Rows kept per source: enough for a PSI over ten bins (100 rows) many times over, small on disk. */
    public static final int KEEP = 5_000;

    /** One event's inputs: {@code values} is a JSON array in the training profile's column order. */
    public record Row(String source, String modelVersion, long receivedAt, double score, String values) {
    }

    private EventInputStore() {
    }

    public static void insert(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> sources = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO event_inputs (source, model_version, received_at, score, input_values) VALUES (?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                s.setString(1, r.source());
                s.setString(2, r.modelVersion());
                s.setLong(3, r.receivedAt());
                s.setDouble(4, r.score());
                s.setString(5, r.values());
                s.addBatch();
                sources.add(r.source());
            }
            s.executeBatch();
        }
        for (String source : sources) {
            prune(c, source);
        }
    }

    /** Deletes a source's rows older than its latest {@link #KEEP}. */
    private static void prune(Connection c, String source) throws SQLException {
        Long oldestKept;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq FROM event_inputs WHERE source = ? ORDER BY seq DESC OFFSET " + (KEEP - 1) + " ROWS FETCH NEXT 1 ROWS ONLY")) {
            s.setString(1, source);
            try (ResultSet r = s.executeQuery()) {
                oldestKept = r.next() ? r.getLong(1) : null;
            }
        }
        if (oldestKept != null) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM event_inputs WHERE source = ? AND seq < ?")) {
                s.setString(1, source);
                s.setLong(2, oldestKept);
                s.executeUpdate();
            }
        }
    }

    /** The latest {@code limit} rows of a source scored by {@code modelVersion}, oldest first. */
    public static List<Row> latest(Connection c, String source, String modelVersion, int limit) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT source, model_version, received_at, score, input_values "
                + "FROM event_inputs WHERE source = ? AND model_version = ? ORDER BY seq DESC")) {
            s.setString(1, source);
            s.setString(2, modelVersion);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Row(r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4), r.getString(5)));
                }
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The sources with stored inputs, most rows first (at most {@code limit}). */
    public static List<String> sources(Connection c, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT source, COUNT(*) AS n FROM event_inputs "
                + "GROUP BY source ORDER BY n DESC, source")) {
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
