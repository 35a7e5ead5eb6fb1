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
 * <li>an event with no event of its entity in the TTL before it starts a new session
 * ({@code _sstart}); count windows and previous-event lookups stay inside a session, as the
 * streaming engine forgets idle entities. Time windows are never longer than the TTL, so they
 * need no session;</li>
 * <li>previous-event lookups take the latest (time, input position) of the matching events
 * strictly before {@code t} and join back to that event by input position.</li>
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
        boolean subqueries = plan.aggs().stream().anyMatch(this::subquery);
        if (subqueries) {
            statements.add("CREATE INDEX fs_ix_time ON fs_events (_key, _ts)");
            statements.add("ANALYZE fs_events");
        }
        timeGroup(sessions);
        byGroups();
        if (sessions) {
            sessionGroup();
            eventsGroup();
        }
        finalStage();
        return new SqlScript(d, statements, tables);
    }

    /**
     * Time windows partitioned by entity only. With sessions, also {@code _new}: no event of the
     * entity in the TTL before this one, i.e. this event starts a session.
     */
    private void timeGroup(boolean sessions) {
        List<String> cols = new ArrayList<>();
        for (AggSpec a : plan.aggs()) {
            if (a.window() instanceof Window.Time t && a.bySlot() < 0) {
                if (subquery(a)) {
                    String h = "h._key = s._key AND h._ts >= s._ts - " + Dialect.interval(t.millis()) + " AND h._ts < s._ts";
                    cols.add(subqueryAgg(a, "fs_events h", h, null) + " AS a" + a.index());
                } else {
                    cols.add(windowAgg(a, "PARTITION BY s._key ORDER BY s._ts RANGE BETWEEN " + Dialect.interval(t.millis())
                            + " PRECEDING AND " + BEFORE, "s") + " AS a" + a.index());
                }
            }
        }
        if (sessions) {
            cols.add("(count(*) OVER (PARTITION BY s._key ORDER BY s._ts RANGE BETWEEN " + Dialect.interval(plan.ttlMs())
                    + " PRECEDING AND " + BEFORE + ") = 0) AS _new");
            if (d == Dialect.DUCKDB) {
                cols.addAll(duckPrevColumns());
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

    /**
     * Sessions and previous-event lookups, in the same entity/time order as the time windows.
     * {@code _sstart}: the start of the event's session (the latest event at or before it that
     * starts one). A lookup takes the latest earlier matching event — the maximum of (time, input
     * position) packed in one number — and keeps it only if it belongs to the same session.
     * DuckDB fetches that event's values in the same pass ({@code arg_max} of a struct, which
     * keeps null values); PostgreSQL joins back to the event by input position.
     */
    private void sessionGroup() {
        String sstart = "max(CASE WHEN t._new THEN x._tms END) OVER (PARTITION BY x._key ORDER BY x._ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _sstart";
        if (d == Dialect.DUCKDB) {
            // the lookups themselves were computed with the time windows (fs_t); here only the
            // session starts, which the final stage compares them with
            create("fs_s", "CREATE TEMP TABLE fs_s AS SELECT q._row, q._sstart\nFROM (SELECT x._row,\n  " + sstart
                    + "\n  FROM fs_events x POSITIONAL JOIN fs_t t) q" + order("q"));
            if (!plan.prevs().isEmpty()) {
                joins.add(join("fs_s", "ss"));
            }
            return;
        }
        String frame = " OVER (PARTITION BY x._key ORDER BY x._ts RANGE BETWEEN UNBOUNDED PRECEDING AND " + BEFORE + ")";
        String packed = "CAST(x._tms AS NUMERIC) * 4294967296 + x._row";
        SqlExprs inX = new SqlExprs(d, inputRefs("x."));
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        inner.add(sstart);
        outer.add("q._sstart");
        StringBuilder from = new StringBuilder();
        for (var e : prevsByMatch().entrySet()) {
            int m = e.getValue().get(0).match();
            String id = m < 0 ? "all" : String.valueOf(m);
            String matched = m < 0 ? null : valueSql(plan.values().get(m), inX) + " IS NOT NULL";
            if (e.getValue().get(0).value() < 0) {
                for (PrevSpec p : e.getValue()) {
                    inner.add("max(" + (matched == null ? "x._tms" : "CASE WHEN " + matched + " THEN x._tms END") + ")" + frame + " AS _pt" + p.index());
                    outer.add("CASE WHEN q._pt" + p.index() + " >= q._sstart THEN q._pt" + p.index() + " END AS pt" + p.index());
                }
                continue;
            }
            inner.add("max(" + (matched == null ? packed : "CASE WHEN " + matched + " THEN " + packed + " END") + ")" + frame + " AS _pk" + id);
            String alias = "p" + id;
            from.append("\nLEFT JOIN fs_events ").append(alias).append(" ON ").append(alias).append("._row = CAST(mod(q._pk").append(id)
                    .append(", 4294967296) AS BIGINT)");
            String same = alias + "._tms >= q._sstart";
            SqlExprs inP = new SqlExprs(d, inputRefs(alias + "."));
            for (PrevSpec p : e.getValue()) {
                outer.add("CASE WHEN " + same + " THEN " + valueSql(plan.values().get(p.value()), inP) + " END AS pv" + p.index());
                outer.add("CASE WHEN " + same + " THEN " + alias + "._tms END AS pt" + p.index());
            }
        }
        create("fs_s", "CREATE TEMP TABLE fs_s AS SELECT q._row,\n  " + String.join(",\n  ", outer) + "\nFROM (SELECT x._row,\n  "
                + String.join(",\n  ", inner) + "\n  FROM fs_events x JOIN fs_t t ON t._row = x._row) q" + from);
        if (!plan.prevs().isEmpty()) {
            joins.add(join("fs_s", "p"));
        }
    }

    /**
     * Previous-event lookups grouped by their 'where' (its value source, -1 = none); time-only
     * lookups and value lookups are kept apart (a group holds one kind).
     */
    private Map<Integer, List<PrevSpec>> prevsByMatch() {
        Map<Integer, List<PrevSpec>> out = new LinkedHashMap<>();
        for (PrevSpec p : plan.prevs()) {
            // time-only lookups get keys below -1 so they never share a group with value lookups
            int key = p.value() < 0 ? -2 - p.index() : p.match();
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /**
     * DuckDB: the lookups in the time-window pass. {@code _pt<i>}: time of the latest earlier
     * matching event; {@code _pm<m>}: that event's time and values ({@code arg_max} of a struct,
     * which keeps null values), by the maximum of (time, input position).
     */
    private List<String> duckPrevColumns() {
        String frame = " OVER (PARTITION BY s._key ORDER BY s._ts RANGE BETWEEN UNBOUNDED PRECEDING AND " + BEFORE + ")";
        String packed = "CAST(s._tms AS HUGEINT) * 4294967296 + s._row";
        SqlExprs inS = new SqlExprs(d, inputRefs("s."));
        List<String> cols = new ArrayList<>();
        for (var e : prevsByMatch().entrySet()) {
            PrevSpec first = e.getValue().get(0);
            String matched = first.match() < 0 ? null : valueSql(plan.values().get(first.match()), inS) + " IS NOT NULL";
            if (first.value() < 0) {
                cols.add("max(" + (matched == null ? "s._tms" : "CASE WHEN " + matched + " THEN s._tms END") + ")" + frame + " AS _pt" + first.index());
                continue;
            }
            List<String> fields = new ArrayList<>();
            fields.add("'t': s._tms");
            for (PrevSpec p : e.getValue()) {
                fields.add("'v" + p.index() + "': " + valueSql(plan.values().get(p.value()), inS));
            }
            String key = matched == null ? packed : "CASE WHEN " + matched + " THEN " + packed + " END";
            cols.add("arg_max({" + String.join(", ", fields) + "}, " + key + ")" + frame + " AS _pm" + e.getKey().toString().replace('-', 'n'));
        }
        return cols;
    }

    /** Count windows: evaluated in (time, input position) order within a session, then shared by ties. */
    private void eventsGroup() {
        List<AggSpec> all = plan.aggs().stream().filter(a -> a.window() instanceof Window.Events).toList();
        if (all.isEmpty()) {
            return;
        }
        String source;
        if (d == Dialect.DUCKDB) {
            source = "(SELECT x.*, ss._sstart FROM fs_events x POSITIONAL JOIN fs_s ss)";
        } else {
            create("fs_xs", "CREATE TEMP TABLE fs_xs AS SELECT x.*, ss._sstart FROM fs_events x JOIN fs_s ss ON ss._row = x._row");
            if (all.stream().anyMatch(this::subquery)) {
                statements.add("CREATE INDEX fs_ix_session ON fs_xs (_key, _sstart, _ts)");
            }
            source = "fs_xs";
        }
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (AggSpec a : all) {
            Window.Events e = (Window.Events) a.window();
            if (subquery(a)) {
                String h = "h._key = s._key AND h._sstart = s._sstart AND h._ts < s._ts";
                inner.add(subqueryAgg(a, source + " h", h, "ORDER BY h._ts DESC, h._row DESC LIMIT " + e.events()) + " AS a" + a.index());
                outer.add("a" + a.index());
            } else {
                inner.add(windowAgg(a, "PARTITION BY s._key, s._sstart ORDER BY s._ts, s._row ROWS BETWEEN " + e.events()
                        + " PRECEDING AND 1 PRECEDING", "s") + " AS r" + a.index());
                outer.add("first_value(r" + a.index() + ") OVER (PARTITION BY _key, _ts ORDER BY _row) AS a" + a.index());
            }
        }
        String sql = "CREATE TEMP TABLE fs_e AS SELECT _row,\n  " + String.join(",\n  ", outer) + "\nFROM (SELECT s._row, s._key, s._ts,\n  "
                + String.join(",\n  ", inner) + "\n  FROM " + source + " s) q" + order("q");
        create("fs_e", sql);
        joins.add(join("fs_e", "e"));
        for (AggSpec a : all) {
            aggTable.put(a.index(), "e");
        }
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
        // DuckDB: a view, so the features are computed while the output is written, without
        // materialising them first (every part is in _row order, lined up by POSITIONAL JOIN).
        StringBuilder out = new StringBuilder(d == Dialect.DUCKDB ? "CREATE TEMP VIEW fs_out AS SELECT x._row" : "CREATE TEMP TABLE fs_out AS SELECT x._row");
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
        if (d == Dialect.POSTGRESQL && !table.equals("fs_out")) {
            // fresh temporary tables have no statistics; without them the planner guesses joins badly
            statements.add("ANALYZE " + table);
        }
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

    /**
     * A correlated subquery computing a DISTINCT count or quantile over the rows of {@code from}
     * (alias h) that satisfy {@code where}; {@code limit}, when given, keeps the latest N of them.
     */
    private String subqueryAgg(AggSpec a, String from, String where, String limit) {
        String col = valueSql(plan.values().get(a.value()), new SqlExprs(d, inputRefs("h.")));
        String fn = a.kind() == AggKind.DISTINCT_COUNT ? "count(DISTINCT w.v)" : "percentile_cont(" + a.q() + ") WITHIN GROUP (ORDER BY w.v)";
        String rows = "SELECT " + col + " AS v FROM " + from + " WHERE " + where + (limit == null ? "" : " " + limit);
        return "CAST((SELECT " + fn + " FROM (" + rows + ") w) AS " + d.doubleType() + ")";
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
                if (d == Dialect.DUCKDB) {
                    String pm = "t._pm" + Integer.toString(plan.prevs().get(index).match()).replace('-', 'n');
                    return "CASE WHEN struct_extract(" + pm + ", 't') >= ss._sstart THEN struct_extract(" + pm + ", 'v" + index + "') END";
                }
                return "p.pv" + index;
            }

            public String sincePrev(int index) {
                String pt = d == Dialect.DUCKDB ? "CASE WHEN t._pt" + index + " >= ss._sstart THEN t._pt" + index + " END" : "p.pt" + index;
                return "(CAST(x._tms - (" + pt + ") AS " + d.doubleType() + ") / 1000)";
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
