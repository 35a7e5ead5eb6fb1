package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The feedback table. */
public final class FeedbackStore {
    /** A verdict with the alert's category, severity and score (what precision and retraining read). */
    public record Labelled(String alertId, String verdict, long createdAt, String category, String severity, double score) {
    }

    private FeedbackStore() {
    }

    public static void insert(Connection c, FeedbackRow f) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO feedback (id, alert_id, verdict, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, f.id());
            s.setString(2, f.alertId());
            s.setString(3, f.verdict());
            s.setString(4, f.note());
            s.setString(5, f.author());
            s.setLong(6, f.createdAt());
            s.executeUpdate();
        }
    }

    public static List<FeedbackRow> forAlert(Connection c, String alertId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, id, alert_id, verdict, note, author, created_at FROM feedback WHERE alert_id = ? ORDER BY seq")) {
            s.setString(1, alertId);
            try (ResultSet r = s.executeQuery()) {
                List<FeedbackRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new FeedbackRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getLong(7)));
                }
                return out;
            }
        }
    }

    /** Every verdict with its alert's columns, oldest first (a later verdict on an alert replaces an earlier one). */
    public static List<Labelled> labelled(Connection c) throws SQLException {
        return labelled(c, null);
    }

    /** {@link #labelled(Connection)} restricted to the alerts of one source, or all when {@code source} is null. */
    public static List<Labelled> labelled(Connection c, String source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT f.alert_id, f.verdict, f.created_at, a.category, a.severity, a.score "
                + "FROM feedback f JOIN alerts a ON a.id = f.alert_id" + (source == null ? "" : " WHERE a.source = ?")
                + " ORDER BY f.seq")) {
            if (source != null) {
                s.setString(1, source);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Labelled> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new Labelled(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5), r.getDouble(6)));
                }
                return out;
            }
        }
    }

    /** How many feedback rows exist (the durability test reads it). */
    public static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM feedback"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
