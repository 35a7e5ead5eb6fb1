package io.sentinelrisk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's aggregations, done in SQL over a time range of arrival ({@code received_at} of
 * events, {@code created_at} of alerts): counts and sums per bin, bucket or group, never the rows
 * themselves. Every query is bounded by the range and answers at most a few hundred groups. The
 * same SQL runs on H2 and PostgreSQL (grouping over a derived table, no dialect functions).
 */
public final class StatsStore {
    /** Events of a source in score bin {@code scoreBin} and risk bin {@code riskBin}. */
    public record BinCount(String source, int scoreBin, int riskBin, long count) {
    }

    /** Alerts of a category in one currency: how many, how many state a cost, the sum of the costs. */
    public record CategoryCost(String category, String currency, long alerts, long costed, double cost) {
    }

    /** Alerts in time bucket {@code bucket} (0 = the range's start) of one group (currency or severity), and their cost. */
    public record BucketCount(long bucket, String group, long count, double sum) {
    }

    /** Alerts of a category in an SLA state (met, breached, overdue, pending, no_sla). */
    public record SlaCount(String category, String state, long count) {
    }

    /** Alerts with one value of a column. */
    public record KeyCount(String key, long count) {
    }

    private static final String EVENT_SOURCE = "COALESCE(source, 'unknown')";

    private StatsStore() {
    }

    /**
     * Counts of events per source, bin of the raw score and bin of risk, in one pass over the
     * events stored in [from, to) of the sources {@code sources} (of every source except them when
     * {@code except}: all sources when that list is empty). A score bin {@code i} holds
     * {@code lo + i * width <= score < lo + (i + 1) * width}, a risk bin {@code j} holds
     * {@code j * riskWidth <= risk < (j + 1) * riskWidth}; values below the first bin count in it
     * and values at or above the last bin's end in the last one. At most {@code limit} groups.
     */
    public static List<BinCount> histograms(Connection c, long from, long to, List<String> sources, boolean except, double lo,
                                            double width, int bins, double riskWidth, int riskBins, int limit) throws SQLException {
        String in = String.join(", ", java.util.Collections.nCopies(sources.size(), "?"));
        String filter = sources.isEmpty() ? (except ? "" : " WHERE 1 = 0") : " WHERE s " + (except ? "NOT IN (" : "IN (") + in + ")";
        String sql = "SELECT s, sb, rb, COUNT(*) FROM (SELECT " + EVENT_SOURCE + " AS s, " + bin("score", bins) + " AS sb, "
                + bin("risk", riskBins) + " AS rb FROM events WHERE received_at >= ? AND received_at < ?) t"
                + filter + " GROUP BY s, sb, rb";
        List<BinCount> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (double[] b : new double[][]{{lo, width, bins}, {0, riskWidth, riskBins}}) {
                s.setDouble(i++, b[0]);
                s.setDouble(i++, b[0] + b[1] * b[2]);
                s.setDouble(i++, b[0]);
                s.setDouble(i++, b[1]);
            }
            s.setLong(i++, from);
            s.setLong(i++, to);
            for (String name : sources) {
                s.setString(i++, name);
            }
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    // floating-point rounding can put a value just under the top one bin too far
                    out.add(new BinCount(r.getString(1), clamp(r.getInt(2), bins), clamp(r.getInt(3), riskBins), r.getLong(4)));
                }
            }
        }
        return out;
    }

    /** The bin expression of {@code column}; its parameters are lo, top, lo, width. */
    private static String bin(String column, int bins) {
        return "CASE WHEN " + column + " < ? THEN 0 WHEN " + column + " >= ? THEN " + (bins - 1)
                + " ELSE CAST(FLOOR((" + column + " - ?) / ?) AS INTEGER) END";
    }

    private static int clamp(int bin, int bins) {
        return Math.min(bins - 1, Math.max(0, bin));
    }

    /** Alerts and their estimated cost per category and currency, largest cost first. */
    public static List<CategoryCost> costByCategory(Connection c, long from, long to, String source, int limit) throws SQLException {
        String sql = "SELECT k, cur, COUNT(*), COUNT(estimated_cost), COALESCE(SUM(estimated_cost), 0) AS total FROM ("
                + "SELECT COALESCE(category, 'none') AS k, COALESCE(currency, '') AS cur, estimated_cost FROM alerts "
                + alertRange(source) + ") t GROUP BY k, cur ORDER BY total DESC, k, cur";
        List<CategoryCost> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindRange(s, 1, from, to, source);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CategoryCost(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getDouble(5)));
                }
            }
        }
        return out;
    }

    /** Alerts and their cost per time bucket and currency ({@code from} must be a bucket boundary). */
    public static List<BucketCount> costOverTime(Connection c, long from, long to, long bucketMs, String source) throws SQLException {
        return buckets(c, "COALESCE(currency, '')", "estimated_cost", from, to, bucketMs, source);
    }

    /** Alerts per time bucket and severity. */
    public static List<BucketCount> volume(Connection c, long from, long to, long bucketMs, String source) throws SQLException {
        return buckets(c, "severity", "risk", from, to, bucketMs, source);
    }

    private static List<BucketCount> buckets(Connection c, String group, String summed, long from, long to, long bucketMs,
                                             String source) throws SQLException {
        String sql = "SELECT b, g, COUNT(*), COALESCE(SUM(v), 0) FROM (SELECT (created_at - ?) / ? AS b, " + group + " AS g, "
                + summed + " AS v FROM alerts " + alertRange(source) + ") t GROUP BY b, g ORDER BY b, g";
        List<BucketCount> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, bucketMs);
            bindRange(s, 3, from, to, source);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new BucketCount(r.getLong(1), r.getString(2), r.getLong(3), r.getDouble(4)));
                }
            }
        }
        return out;
    }

    /**
     * Alerts per category and SLA state at time {@code now}: {@code met} (status left open within
     * the SLA), {@code breached} (it left open later), {@code overdue} (still open past the SLA),
     * {@code pending} (still open, within the SLA), {@code no_sla} (the mapping states none).
     */
    public static List<SlaCount> sla(Connection c, long from, long to, long now, String source) throws SQLException {
        String due = "CAST(sla_minutes AS BIGINT) * 60000";
        String sql = "SELECT k, st, COUNT(*) FROM (SELECT COALESCE(category, 'none') AS k, CASE "
                + "WHEN sla_minutes IS NULL THEN 'no_sla' "
                + "WHEN responded_at IS NOT NULL AND responded_at - created_at <= " + due + " THEN 'met' "
                + "WHEN responded_at IS NOT NULL THEN 'breached' "
                + "WHEN ? - created_at > " + due + " THEN 'overdue' ELSE 'pending' END AS st FROM alerts "
                + alertRange(source) + ") t GROUP BY k, st ORDER BY k, st";
        List<SlaCount> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, now);
            bindRange(s, 2, from, to, source);
            s.setMaxRows(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SlaCount(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Alerts per recommended action, most first, at most {@code limit}. */
    public static List<KeyCount> actions(Connection c, long from, long to, String source, int limit) throws SQLException {
        return countBy(c, "COALESCE(recommended_action, 'none')", from, to, source, limit);
    }

    /** Alerts per source, most first, at most {@code limit}. */
    public static List<KeyCount> alertSources(Connection c, long from, long to, int limit) throws SQLException {
        return countBy(c, "COALESCE(source, 'unknown')", from, to, null, limit);
    }

    private static List<KeyCount> countBy(Connection c, String key, long from, long to, String source, int limit) throws SQLException {
        String sql = "SELECT k, COUNT(*) AS n FROM (SELECT " + key + " AS k FROM alerts " + alertRange(source) + ") t "
                + "GROUP BY k ORDER BY n DESC, k";
        List<KeyCount> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindRange(s, 1, from, to, source);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new KeyCount(r.getString(1), r.getLong(2)));
                }
            }
        }
        return out;
    }

    private static String alertRange(String source) {
        return "WHERE created_at >= ? AND created_at < ?" + (source == null ? "" : " AND source = ?");
    }

    private static void bindRange(PreparedStatement s, int at, long from, long to, String source) throws SQLException {
        s.setLong(at, from);
        s.setLong(at + 1, to);
        if (source != null) {
            s.setString(at + 2, source);
        }
    }

}
