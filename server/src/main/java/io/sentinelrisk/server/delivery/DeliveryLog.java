package io.sentinelrisk.server.delivery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery log and dead letters in the {@code deliveries} table (migration V2), over any
 * {@link DataSource} (H2 embedded or PostgreSQL: plain SQL both accept). Each call takes a
 * connection from the source and gives it back.
 */
public final class DeliveryLog {
    static final int MAX_ERROR = 2000;
    private static final String COLUMNS = "id, route, format, alert_key, severity, status, attempts, http_status, last_error, "
            + "alert, created_at, finished_at";

    private final DataSource dataSource;

    public DeliveryLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores an ended delivery; returns its id. */
    public long record(DeliveryRecord r) {
        String sql = "INSERT INTO deliveries (route, format, alert_key, severity, status, attempts, http_status, last_error, "
                + "alert, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, r.route());
            ps.setString(2, r.format());
            ps.setString(3, r.alertKey());
            ps.setString(4, r.severity());
            ps.setString(5, r.status());
            ps.setInt(6, r.attempts());
            if (r.httpStatus() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, r.httpStatus());
            }
            ps.setString(8, cut(r.lastError()));
            ps.setString(9, r.alert());
            ps.setObject(10, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
            ps.setObject(11, OffsetDateTime.ofInstant(r.finishedAt(), ZoneOffset.UTC));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a delivery of route " + r.route() + ": " + e.getMessage(), e);
        }
    }

    /** A page of the log, newest first. */
    public DeliveryPage list(DeliveryQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM deliveries WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().id());
        }
        if (q.route() != null) {
            sql.append(" AND route = ?");
            args.add(q.route());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        // one row more than asked tells whether there is a next page
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<DeliveryRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            Long next = null;
            if (out.size() > q.limit()) {
                out.remove(out.size() - 1);
                next = out.get(out.size() - 1).id();
            }
            return new DeliveryPage(out, next);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the delivery log: " + e.getMessage(), e);
        }
    }

    /** How many deliveries have this status (all routes). */
    public long count(DeliveryStatus status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE status = ?")) {
            ps.setString(1, status.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the delivery log: " + e.getMessage(), e);
        }
    }

    private static DeliveryRecord row(ResultSet rs) throws SQLException {
        int http = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : http;
        return new DeliveryRecord(rs.getLong("id"), rs.getString("route"), rs.getString("format"), rs.getString("alert_key"),
                rs.getString("severity"), rs.getString("status"), rs.getInt("attempts"), httpStatus, rs.getString("last_error"),
                rs.getString("alert"), instant(rs, "created_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
    }
}
