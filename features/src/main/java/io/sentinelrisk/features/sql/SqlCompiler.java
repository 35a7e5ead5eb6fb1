package io.sentinelrisk.features.sql;

import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.AggSpec;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.PrevSpec;
import io.sentinelrisk.features.plan.FeaturePlan.ValueSource;
import io.sentinelrisk.features.plan.TExpr;
import io.sentinelrisk.features.spec.AggKind;
import io.sentinelrisk.features.spec.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link FeaturePlan} into SQL window functions over table {@code fs_events}
 * ({@code _row} input position, {@code _key} entity key text, {@code _ts} timestamp truncated to
 * milliseconds, {@code _tms} the same as epoch milliseconds, {@code c<slot>} typed inputs). The
 * result is table {@code fs_out}: {@code _row} and one double column per written feature, ordered
 * by {@code _row}.
 *
 * <p>How the point-in-time rule becomes SQL:
 * <ul>
 * <li>time windows are {@code RANGE BETWEEN INTERVAL 'W' PRECEDING AND INTERVAL '1 millisecond'
 * PRECEDING} over {@code _ts}: times are whole milliseconds, so the frame is exactly the events
 * with {@code t - W <= ts < t}; the event itself and its ties are out, whatever their order;</li>
 * <li>count windows are {@code ROWS BETWEEN N PRECEDING AND 1 PRECEDING} in (timestamp, input
 * position) order, evaluated at the first event of each group of ties and copied to the others
 * ({@code first_value}), so ties see the same history;</li>
 * <li>an entity idle for longer than the TTL starts a new session ({@code _sess}); count windows
 * and previous-event lookups stay inside a session, as the streaming engine forgets idle
 * entities. Time windows are never longer than the TTL, so they need no session;</li>
 * <li>previous-event lookups take the highest {@code _seq} of the session strictly before
 * {@code t} and join back to that event.</li>
 * </ul>
 * Each family of windows that share a PARTITION BY / ORDER BY is one narrow query
 * ({@code _row} and its aggregates), joined back on {@code _row} at the end: window operators sort
 * their whole input, so keeping it narrow is what makes them fast. PostgreSQL has no DISTINCT or
 * quantile window aggregates; there they are correlated subqueries over the same frame, served by
 * an index.
 */
public final class SqlCompiler {
    private static final String BEFORE = "INTERVAL '1 millisecond' PRECEDING";

    private final FeaturePlan plan;
    private final Dialect d;
    private final List<String> statements = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();
    /** Where each aggregate's column lives: table alias. */
    private final Map<Integer, String> aggTable = new LinkedHashMap<>();
    private final List<String> joins = new ArrayList<>();

    private SqlCompiler(FeaturePlan plan, Dialect dialect) {
        this.plan = plan;
        this.d = dialect;
    }

    public static SqlScript compile(FeaturePlan plan, Dialect dialect) {
        return new SqlCompiler(plan, dialect).build();
    }

    private boolean subquery(AggSpec a) {
        return !d.windowedDistinctAndQuantile() && (a.kind() == AggKind.DISTINCT_COUNT || a.kind() == AggKind.QUANTILE);
    }

    private SqlScript build() {
        boolean sessions = plan.needsSessions();
        boolean timeSubqueries = plan.aggs().stream().anyMatch(a -> subquery(a) && a.window() instanceof Window.Time);
        boolean eventSubqueries = plan.aggs().stream().anyMatch(a -> subquery(a) && a.window() instanceof Window.Events);
        String entityOrder = "PARTITION BY _key ORDER BY _ts, _row";

        if (sessions) {
            // Only the columns that count windows and previous-event lookups read: these tables go
            // through two window sorts, and their width is what those cost.
            java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
            for (AggSpec a : plan.aggs()) {
                if (a.window() instanceof Window.Events) {
                    slotsOf(plan.values().get(a.value()), used);
                }
            }
            for (PrevSpec p : plan.prevs()) {
                if (p.match() >= 0) {
                    slotsOf(plan.values().get(p.match()), used);
                }
                if (p.value() >= 0) {
                    slotsOf(plan.values().get(p.value()), used);
                }
            }
            StringBuilder cols = new StringBuilder("_row, _key, _ts, _tms");
            for (int slot : used) {
                cols.append(", c").append(slot);
            }
            create("fs_seq", "CREATE TEMP TABLE fs_seq AS SELECT " + cols + ",\n  row_number() OVER (" + entityOrder + ") AS _seq,\n"
                    + "  CASE WHEN _tms - lag(_tms) OVER (" + entityOrder + ") > " + plan.ttlMs() + " THEN 1 ELSE 0 END AS _brk\nFROM fs_events");
            create("fs_sess", "CREATE TEMP TABLE fs_sess AS SELECT *,\n  sum(_brk) OVER (" + entityOrder
                    + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _sess"
                    + (eventSubqueries ? ",\n  min(_seq) OVER (PARTITION BY _key, _ts) AS _gseq" : "") + "\nFROM fs_seq");
            if (eventSubqueries) {
                statements.add("CREATE INDEX fs_ix_seq ON fs_sess (_key, _sess, _seq)");
                statements.add("ANALYZE fs_sess");
            }
        }
        if (timeSubqueries) {
            statements.add("CREATE INDEX fs_ix_time ON fs_events (_key, _ts)");
            statements.add("ANALYZE fs_events");
        }

        timeGroup();
        byGroups();
        if (sessions) {
            eventsGroup();
            prevGroup();
        }
        finalStage();
        return new SqlScript(d, statements, tables);
    }

    /** Time windows partitioned by entity only. */
    private void timeGroup() {
        List<String> cols = new ArrayList<>();
        for (AggSpec a : plan.aggs()) {
            if (a.window() instanceof Window.Time t && a.bySlot() < 0) {
                if (subquery(a)) {
                    String h = "h._key = s._key AND h._ts >= s._ts - " + Dialect.interval(t.millis()) + " AND h._ts < s._ts";
                    cols.add(subqueryAgg(a, "fs_events", h) + " AS a" + a.index());
                } else {
                    cols.add(windowAgg(a, "PARTITION BY s._key ORDER BY s._ts RANGE BETWEEN " + Dialect.interval(t.millis())
                            + " PRECEDING AND " + BEFORE, "s") + " AS a" + a.index());
                }
            }
        }
        group("fs_t", "t", cols, "fs_events", plan.aggs().stream().filter(a -> a.window() instanceof Window.Time && a.bySlot() < 0));
    }

    /** Counts of earlier events with the same value of a column: partitioned by entity and that column. */
    private void byGroups() {
        Map<Integer, List<AggSpec>> bySlot = new LinkedHashMap<>();
        for (AggSpec a : plan.aggs()) {
            if (a.bySlot() >= 0) {
                bySlot.computeIfAbsent(a.bySlot(), k -> new ArrayList<>()).add(a);
            }
        }
        for (var e : bySlot.entrySet()) {
            List<String> cols = new ArrayList<>();
            String c = "s.c" + e.getKey();
            for (AggSpec a : e.getValue()) {
                Window.Time t = (Window.Time) a.window();
                String agg = windowAgg(a, "PARTITION BY s._key, " + c + " ORDER BY s._ts RANGE BETWEEN " + Dialect.interval(t.millis())
                        + " PRECEDING AND " + BEFORE, "s");
                cols.add("CASE WHEN " + c + " IS NULL THEN CAST(NULL AS " + d.doubleType() + ") ELSE " + agg + " END AS a" + a.index());
            }
            group("fs_b" + e.getKey(), "b" + e.getKey(), cols, "fs_events", e.getValue().stream());
        }
    }

    /** Count windows: evaluated in (time, input position) order within a session, then shared by ties. */
    private void eventsGroup() {
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        List<AggSpec> all = new ArrayList<>();
        for (AggSpec a : plan.aggs()) {
            if (a.window() instanceof Window.Events e) {
                all.add(a);
                if (subquery(a)) {
                    String h = "h._key = s._key AND h._sess = s._sess AND h._seq >= s._gseq - " + e.events() + " AND h._seq < s._gseq";
                    inner.add(subqueryAgg(a, "fs_sess", h) + " AS a" + a.index());
                    outer.add("a" + a.index());
                } else {
                    inner.add(windowAgg(a, "PARTITION BY s._key, s._sess ORDER BY s._ts, s._row ROWS BETWEEN " + e.events()
                            + " PRECEDING AND 1 PRECEDING", "s") + " AS r" + a.index());
                    outer.add("first_value(r" + a.index() + ") OVER (PARTITION BY _key, _ts ORDER BY _row) AS a" + a.index());
                }
            }
        }
        if (all.isEmpty()) {
            return;
        }
        String sql = "CREATE TEMP TABLE fs_e AS SELECT _row,\n  " + String.join(",\n  ", outer) + "\nFROM (SELECT s._row, s._key, s._ts,\n  "
                + String.join(",\n  ", inner) + "\n  FROM fs_sess s) q" + order("q");
        create("fs_e", sql);
        joins.add(join("fs_e", "e"));
        for (AggSpec a : all) {
            aggTable.put(a.index(), "e");
        }
    }

    /** Previous-event lookups: the latest earlier (matching) event of the session, and its values. */
    private void prevGroup() {
        if (plan.prevs().isEmpty()) {
            return;
        }
        String frame = " OVER (PARTITION BY s._key, s._sess ORDER BY s._ts RANGE BETWEEN UNBOUNDED PRECEDING AND " + BEFORE + ")";
        SqlExprs inS = new SqlExprs(d, inputRefs("s."));
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        StringBuilder from = new StringBuilder();
        Map<Integer, String> seqOfMatch = new LinkedHashMap<>();
        for (PrevSpec p : plan.prevs()) {
            String matched = p.match() < 0 ? null : valueSql(plan.values().get(p.match()), inS) + " IS NOT NULL";
            if (p.value() < 0) {
                inner.add("max(" + (matched == null ? "s._tms" : "CASE WHEN " + matched + " THEN s._tms END") + ")" + frame + " AS pt" + p.index());
                outer.add("g.pt" + p.index());
                continue;
            }
            String alias = seqOfMatch.get(p.match());
            if (alias == null) {
                alias = "p" + (p.match() < 0 ? "all" : String.valueOf(p.match()));
                seqOfMatch.put(p.match(), alias);
                inner.add("max(" + (matched == null ? "s._seq" : "CASE WHEN " + matched + " THEN s._seq END") + ")" + frame + " AS _ps_" + alias);
                from.append("\nLEFT JOIN fs_sess ").append(alias).append(" ON ").append(alias).append("._key = g._key AND ")
                        .append(alias).append("._seq = g._ps_").append(alias);
            }
            SqlExprs inP = new SqlExprs(d, inputRefs(alias + "."));
            outer.add(valueSql(plan.values().get(p.value()), inP) + " AS pv" + p.index());
            outer.add(alias + "._tms AS pt" + p.index());
        }
        String sql = "CREATE TEMP TABLE fs_p AS SELECT g._row,\n  " + String.join(",\n  ", outer) + "\nFROM (SELECT s._row, s._key,\n  "
                + String.join(",\n  ", inner) + "\n  FROM fs_sess s) g" + from + order("g");
        create("fs_p", sql);
        joins.add(join("fs_p", "p"));
    }

    private void group(String table, String alias, List<String> cols, String from, java.util.stream.Stream<AggSpec> aggs) {
        if (cols.isEmpty()) {
            return;
        }
        create(table, "CREATE TEMP TABLE " + table + " AS SELECT s._row,\n  " + String.join(",\n  ", cols) + "\nFROM " + from + " s"
                + order("s"));
        joins.add(join(table, alias));
        aggs.forEach(a -> aggTable.put(a.index(), alias));
    }

    private void finalStage() {
        SqlExprs finalExprs = new SqlExprs(d, finalRefs());
        StringBuilder out = new StringBuilder("CREATE TEMP TABLE fs_out AS SELECT x._row");
        for (PlannedFeature f : plan.outputs()) {
            out.append(",\n  CAST(").append(finalExprs.render(f.expr())).append(" AS ").append(d.doubleType())
                    .append(") AS ").append(Dialect.quote(f.name()));
        }
        out.append("\nFROM fs_events x");
        for (String j : joins) {
            out.append('\n').append(j);
        }
        create("fs_out", out);
    }

    private static void slotsOf(ValueSource v, java.util.Set<Integer> out) {
        if (v.of() != null) {
            slotsOf(v.of(), out);
        }
        if (v.where() != null) {
            slotsOf(v.where(), out);
        }
    }

    /** The input slots an expression reads (the event time is always available). */
    static void slotsOf(TExpr e, java.util.Set<Integer> out) {
        switch (e) {
            case TExpr.Input i -> {
                if (i.type() != io.sentinelrisk.features.plan.Ty.TIME) {
                    out.add(i.slot());
                }
            }
            case TExpr.Neg n -> slotsOf(n.operand(), out);
            case TExpr.Arith a -> {
                slotsOf(a.left(), out);
                slotsOf(a.right(), out);
            }
            case TExpr.Cmp c -> {
                slotsOf(c.left(), out);
                slotsOf(c.right(), out);
            }
            case TExpr.Logic l -> {
                slotsOf(l.left(), out);
                slotsOf(l.right(), out);
            }
            case TExpr.Not n -> slotsOf(n.operand(), out);
            case TExpr.IsNull n -> slotsOf(n.operand(), out);
            case TExpr.BoolNum b -> slotsOf(b.operand(), out);
            case TExpr.If i -> {
                slotsOf(i.cond(), out);
                slotsOf(i.then(), out);
                slotsOf(i.otherwise(), out);
            }
            case TExpr.Coalesce c -> c.args().forEach(x -> slotsOf(x, out));
            case TExpr.Fn f -> f.args().forEach(x -> slotsOf(x, out));
            case TExpr.ZScore z -> {
                slotsOf(z.x(), out);
                slotsOf(z.mean(), out);
                slotsOf(z.std(), out);
            }
            default -> {
                // literals and references to computed values read no input
            }
        }
    }

    /**
     * DuckDB: every group table is sorted by {@code _row}, as {@code fs_events} is, so the final
     * stage lines them up with POSITIONAL JOIN instead of hashing wide rows. PostgreSQL: joins on
     * {@code _row}.
     */
    private String order(String alias) {
        return d == Dialect.DUCKDB ? "\nORDER BY " + alias + "._row" : "";
    }

    private String join(String table, String alias) {
        return d == Dialect.DUCKDB ? "POSITIONAL JOIN " + table + " " + alias : "JOIN " + table + " " + alias + " ON " + alias + "._row = x._row";
    }

    private void create(String table, CharSequence sql) {
        statements.add(sql.toString());
        tables.add(table);
    }

    private boolean isCountAll(ValueSource v) {
        return v.of() == null && v.where() == null;
    }

    /** The per-event value of a source: {@code CASE WHEN where THEN of END}. */
    private String valueSql(ValueSource v, SqlExprs in) {
        String of = v.of() == null ? "CAST(1 AS " + d.doubleType() + ")" : in.render(v.of());
        return v.where() == null ? of : "CASE WHEN " + in.render(v.where()) + " THEN " + of + " END";
    }

    private String windowAgg(AggSpec a, String over, String alias) {
        ValueSource v = plan.values().get(a.value());
        String col = isCountAll(v) ? null : valueSql(v, new SqlExprs(d, inputRefs(alias + ".")));
        String fn = switch (a.kind()) {
            case COUNT -> col == null ? "count(*)" : "count(" + col + ")";
            case SUM -> "sum(" + col + ")";
            case MEAN -> "avg(" + col + ")";
            case STD -> "stddev_samp(" + col + ")";
            case MIN -> "min(" + col + ")";
            case MAX -> "max(" + col + ")";
            case DISTINCT_COUNT -> "count(DISTINCT " + col + ")";
            case QUANTILE -> "quantile_cont(" + col + ", " + a.q() + ")";
        };
        String expr = fn + " OVER (" + over + ")";
        if (a.kind() == AggKind.SUM) {
            expr = "COALESCE(" + expr + ", 0)";
        }
        return "CAST(" + expr + " AS " + d.doubleType() + ")";
    }

    private String subqueryAgg(AggSpec a, String table, String where) {
        String col = valueSql(plan.values().get(a.value()), new SqlExprs(d, inputRefs("h.")));
        String fn = a.kind() == AggKind.DISTINCT_COUNT ? "count(DISTINCT " + col + ")"
                : "percentile_cont(" + a.q() + ") WITHIN GROUP (ORDER BY " + col + ")";
        return "CAST((SELECT " + fn + " FROM " + table + " h WHERE " + where + ") AS " + d.doubleType() + ")";
    }

    private SqlExprs.Refs inputRefs(String prefix) {
        return new SqlExprs.Refs() {
            public String input(int slot) {
                return prefix + "c" + slot;
            }

            public String eventTime() {
                return prefix + "_ts";
            }

            public String agg(int index) {
                throw new IllegalStateException("aggregate in a per-event value");
            }

            public String prevValue(int index) {
                throw new IllegalStateException("previous value in a per-event value");
            }

            public String sincePrev(int index) {
                throw new IllegalStateException("previous time in a per-event value");
            }

            public String feature(int index) {
                throw new IllegalStateException("feature in a per-event value");
            }
        };
    }

    private SqlExprs.Refs finalRefs() {
        SqlExprs[] self = new SqlExprs[1];
        SqlExprs.Refs refs = new SqlExprs.Refs() {
            public String input(int slot) {
                return "x.c" + slot;
            }

            public String eventTime() {
                return "x._ts";
            }

            public String agg(int index) {
                return aggTable.get(index) + ".a" + index;
            }

            public String prevValue(int index) {
                return "p.pv" + index;
            }

            public String sincePrev(int index) {
                return "(CAST(x._tms - p.pt" + index + " AS " + d.doubleType() + ") / 1000)";
            }

            public String feature(int index) {
                TExpr e = plan.features().get(index).expr();
                return "(" + self[0].render(e) + ")";
            }
        };
        self[0] = new SqlExprs(d, refs);
        return refs;
    }
}
