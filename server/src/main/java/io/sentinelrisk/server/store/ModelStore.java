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
    /**
     * A promotion: which version became champion of which source, when and how ({@code promote},
     * {@code rollback}, {@code startup}).
     */
    public record Promotion(long seq, String version, long promotedAt, String action, String source) {
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
        try (PreparedStatement s = c.prepareStatement("SELECT version, sha256, origin, detector, created_at, size_bytes, report, source "
                + "FROM models WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    public static List<ModelRow> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, sha256, origin, detector, created_at, size_bytes, report, source "
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
                + "size_bytes, report, bundle, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, m.version());
            s.setString(2, m.sha256());
            s.setString(3, m.origin());
            s.setString(4, m.detector());
            s.setLong(5, m.createdAt());
            s.setLong(6, m.sizeBytes());
            s.setString(7, m.report());
            s.setBytes(8, bundle);
            s.setString(9, m.source());
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

    /** Makes {@code version} the champion of {@code source}. */
    public static void promote(Connection c, String version, String action, long now, String source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO promotions (version, promoted_at, action, source) VALUES (?, ?, ?, ?)")) {
            s.setString(1, version);
            s.setLong(2, now);
            s.setString(3, action);
            s.setString(4, source);
            s.executeUpdate();
        }
    }

    /** The promotions of {@code source}, newest first. */
    public static List<Promotion> promotions(Connection c, String source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, version, promoted_at, action, source FROM promotions "
                + "WHERE source = ? ORDER BY seq DESC")) {
            s.setString(1, source);
            try (ResultSet r = s.executeQuery()) {
                List<Promotion> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new Promotion(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
                }
                return out;
            }
        }
    }

    /** The champion of every source that has one (its latest promotion), by source. */
    public static java.util.Map<String, String> champions(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT p.source, p.version FROM promotions p "
                + "WHERE p.seq = (SELECT max(q.seq) FROM promotions q WHERE q.source = p.source) ORDER BY p.source");
             ResultSet r = s.executeQuery()) {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
            return out;
        }
    }

    private static ModelRow row(ResultSet r) throws SQLException {
        return new ModelRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6),
                r.getString(7), r.getString(8));
    }
}
