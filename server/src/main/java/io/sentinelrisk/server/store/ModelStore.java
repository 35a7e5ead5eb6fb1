package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The models and promotions tables. */
public final class ModelStore {
    /** A promotion: which version became champion, when and how ({@code promote}, {@code rollback}, {@code startup}). */
    public record Promotion(long seq, String version, long promotedAt, String action) {
    }

    private ModelStore() {
    }

    public static Optional<ModelRow> bySha(Connection c, String sha) throws SQLException {
        return one(c, "sha256", sha);
    }

    public static Optional<ModelRow> get(Connection c, String version) throws SQLException {
        return one(c, "version", version);
    }

    private static Optional<ModelRow> one(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, sha256, origin, detector, created_at, size_bytes, report "
                + "FROM models WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    public static List<ModelRow> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, sha256, origin, detector, created_at, size_bytes, report "
                + "FROM models ORDER BY created_at, version"); ResultSet r = s.executeQuery()) {
            List<ModelRow> out = new ArrayList<>();
            while (r.next()) {
                out.add(row(r));
            }
            return out;
        }
    }

    public static void insert(Connection c, ModelRow m, byte[] bundle) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO models (version, sha256, origin, detector, created_at, "
                + "size_bytes, report, bundle) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, m.version());
            s.setString(2, m.sha256());
            s.setString(3, m.origin());
            s.setString(4, m.detector());
            s.setLong(5, m.createdAt());
            s.setLong(6, m.sizeBytes());
            s.setString(7, m.report());
            s.setBytes(8, bundle);
            s.executeUpdate();
        }
    }

    public static byte[] bundle(Connection c, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT bundle FROM models WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    public static void promote(Connection c, String version, String action, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO promotions (version, promoted_at, action) VALUES (?, ?, ?)")) {
            s.setString(1, version);
            s.setLong(2, now);
            s.setString(3, action);
            s.executeUpdate();
        }
    }

    /** Promotions, newest first. */
    public static List<Promotion> promotions(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, version, promoted_at, action FROM promotions ORDER BY seq DESC");
             ResultSet r = s.executeQuery()) {
            List<Promotion> out = new ArrayList<>();
            while (r.next()) {
                out.add(new Promotion(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4)));
            }
            return out;
        }
    }

    private static ModelRow row(ResultSet r) throws SQLException {
        return new ModelRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6),
                r.getString(7));
    }
}
