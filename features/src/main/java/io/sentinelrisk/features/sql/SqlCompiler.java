package io.sentinelrisk.features.sql;

import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.AggSpec;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.PrevSpec;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.plan.FeaturePlan.ValueSource;
import io.sentinelrisk.features.plan.TExpr;
import io.sentinelrisk.features.spec.AggKind;
import io.sentinelrisk.features.spec.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link FeaturePlan} into SQL window functions over table {@code fs_events}
 * ({@code _row} input position, {@code _key} entity key text, {@code _ts} timestamp truncated to
 * milliseconds, {@code _tms} the same as epoch milliseconds, {@code c<slot>} typed inputs).
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
 * <li>previous-event lookups take the latest {@code _seq} of the session strictly before
 * {@code t} and join back to that event.</li>
 * </ul>
 * PostgreSQL has no DISTINCT or quantile window aggregates; there they are correlated subqueries
 * over the same frame, served by an index on {@code (_key, _ts)}.
 */
public final class SqlCompiler {
    private final FeaturePlan plan;
    private final Dialect d;
    private final List<String> statements = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    private SqlCompiler(FeaturePlan plan, Dialect dialect) {
        this.plan = plan;
        this.d = dialect;
    }

    public static SqlScript compile(FeaturePlan plan, Dialect dialect) {
        return new SqlCompiler(plan, dialect).build();
    }

    private SqlScript build() {
        boolean sessions = plan.needsSessions();
        boolean subqueries = !d.windowedDistinctAndQuantile() && plan.aggs().stream().anyMatch(this::needsSubquery);
        boolean eventsSubquery = subqueries && plan.aggs().stream()
                .anyMatch(a -> needsSubquery(a) && a.window() instanceof Window.Events);

        // Stage 1: the per-event values, the sequence in the entity and the session breaks.
        StringBuilder s1 = new StringBuilder("CREATE TEMP TABLE fs_s1 AS SELECT _row, _key, _ts, _tms");
        for (Slot s : plan.slots()) {
            if (s.index() != plan.timestampSlot()) {
                s1.append(", c").append(s.index());
            }
        }
        SqlExprs rowExprs = new SqlExprs(d, rowRefs());
        for (ValueSource v : plan.values()) {
            if (isCountAll(v)) {
                continue;
            }
            String of = v.of() == null ? "CAST(1 AS " + d.doubleType() + ")" : rowExprs.render(v.of());
            String expr = v.where() == null ? of : "CASE WHEN " + rowExprs.render(v.where()) + " THEN " + of + " END";
            s1.append(",\n  ").append(expr).append(" AS v").append(v.index());
        }
        String byEntity = "PARTITION BY _key ORDER BY _ts, _row";
        if (sessions) {
            s1.append(",\n  row_number() OVER (").append(byEntity).append(") AS _seq");
            s1.append(",\n  CASE WHEN _tms - lag(_tms) OVER (").append(byEntity).append(") > ").append(plan.ttlMs())
                    .append(" THEN 1 ELSE 0 END AS _brk");
        }
        s1.append("\nFROM fs_events");
        create("fs_s1", s1);

        String last = "fs_s1";
        if (sessions) {
            StringBuilder s2 = new StringBuilder("CREATE TEMP TABLE fs_s2 AS SELECT *,\n  sum(_brk) OVER (")
                    .append(byEntity).append(" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _sess");
            if (eventsSubquery) {
                s2.append(",\n  min(_seq) OVER (PARTITION BY _key, _ts) AS _gseq");
            }
            s2.append("\nFROM fs_s1");
            create("fs_s2", s2);
            last = "fs_s2";
        }
        if (subqueries) {
            statements.add("CREATE INDEX fs_ix_time ON " + last + " (_key, _ts)");
            if (eventsSubquery) {
                statements.add("CREATE INDEX fs_ix_seq ON " + last + " (_key, _sess, _seq)");
            }
            statements.add("ANALYZE " + last);
        }

        // Stage 3: window aggregates and previous-event positions.
        StringBuilder s3 = new StringBuilder("CREATE TEMP TABLE fs_s3 AS SELECT s.*");
        boolean propagate = false;
        for (AggSpec a : plan.aggs()) {
            boolean events = a.window() instanceof Window.Events;
            String expr = aggExpr(a, last);
            boolean raw = events && !(needsSubquery(a) && !d.windowedDistinctAndQuantile());
            propagate |= raw;
            s3.append(",\n  ").append(expr).append(raw ? " AS r" : " AS a").append(a.index());
        }
        String untilBefore = "RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL '1 millisecond' PRECEDING";
        boolean joins = false;
        for (PrevSpec p : plan.prevs()) {
            String matched = p.match() < 0 ? null : "v" + p.match() + " IS NOT NULL";
            String frame = " OVER (PARTITION BY s._key, s._sess ORDER BY s._ts " + untilBefore + ")";
            if (p.value() >= 0) {
                joins = true;
                s3.append(",\n  max(").append(matched == null ? "s._seq" : "CASE WHEN " + matched + " THEN s._seq END")
                        .append(")").append(frame).append(" AS _ps").append(p.index());
            } else {
                s3.append(",\n  max(").append(matched == null ? "s._tms" : "CASE WHEN " + matched + " THEN s._tms END")
                        .append(")").append(frame).append(" AS pt").append(p.index());
            }
        }
        s3.append("\nFROM ").append(last).append(" s");
        create("fs_s3", s3);
        last = "fs_s3";

        // Stage 4: copy count-window results to all ties; fetch the previous events' values.
        if (propagate || joins) {
            StringBuilder s4 = new StringBuilder("CREATE TEMP TABLE fs_s4 AS SELECT s.*");
            for (AggSpec a : plan.aggs()) {
                if (a.window() instanceof Window.Events && !(needsSubquery(a) && !d.windowedDistinctAndQuantile())) {
                    s4.append(",\n  first_value(s.r").append(a.index())
                            .append(") OVER (PARTITION BY s._key, s._ts ORDER BY s._row) AS a").append(a.index());
                }
            }
            StringBuilder from = new StringBuilder("\nFROM fs_s3 s");
            for (PrevSpec p : plan.prevs()) {
                if (p.value() >= 0) {
                    String alias = "p" + p.index();
                    s4.append(",\n  ").append(alias).append(".v").append(p.value()).append(" AS pv").append(p.index());
                    s4.append(",\n  ").append(alias).append("._tms AS pt").append(p.index());
                    from.append("\nLEFT JOIN fs_s1 ").append(alias).append(" ON ").append(alias).append("._key = s._key AND ")
                            .append(alias).append("._seq = s._ps").append(p.index());
                }
            }
            s4.append(from);
            create("fs_s4", s4);
            last = "fs_s4";
        }

        // Final: the features, written out in spec order.
        SqlExprs finalExprs = new SqlExprs(d, finalRefs());
        StringBuilder out = new StringBuilder("CREATE TEMP TABLE fs_out AS SELECT _row");
        for (PlannedFeature f : plan.outputs()) {
            out.append(",\n  CAST(").append(finalExprs.render(f.expr())).append(" AS ").append(d.doubleType())
                    .append(") AS ").append(Dialect.quote(f.name()));
        }
        out.append("\nFROM ").append(last);
        create("fs_out", out);
        return new SqlScript(d, statements, tables);
    }

    private void create(String table, CharSequence sql) {
        statements.add(sql.toString());
        tables.add(table);
    }

    private boolean isCountAll(ValueSource v) {
        return v.of() == null && v.where() == null;
    }

    private boolean needsSubquery(AggSpec a) {
        return a.kind() == AggKind.DISTINCT_COUNT || a.kind() == AggKind.QUANTILE;
    }

    private String aggExpr(AggSpec a, String table) {
        ValueSource v = plan.values().get(a.value());
        String col = isCountAll(v) ? null : "v" + v.index();
        if (needsSubquery(a) && !d.windowedDistinctAndQuantile()) {
            String fn = a.kind() == AggKind.DISTINCT_COUNT ? "count(DISTINCT h." + col + ")"
                    : "percentile_cont(" + a.q() + ") WITHIN GROUP (ORDER BY h." + col + ")";
            String where = switch (a.window()) {
                case Window.Time t -> "h._key = s._key AND h._ts >= s._ts - " + Dialect.interval(t.millis()) + " AND h._ts < s._ts";
                case Window.Events e -> "h._key = s._key AND h._sess = s._sess AND h._seq >= s._gseq - " + e.events()
                        + " AND h._seq < s._gseq";
            };
            return "CAST((SELECT " + fn + " FROM " + table + " h WHERE " + where + ") AS " + d.doubleType() + ")";
        }
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
        String over = switch (a.window()) {
            case Window.Time t -> "PARTITION BY s._key" + (a.bySlot() >= 0 ? ", s.c" + a.bySlot() : "")
                    + " ORDER BY s._ts RANGE BETWEEN " + Dialect.interval(t.millis()) + " PRECEDING AND INTERVAL '1 millisecond' PRECEDING";
            case Window.Events e -> "PARTITION BY s._key, s._sess ORDER BY s._ts, s._row ROWS BETWEEN " + e.events()
                    + " PRECEDING AND 1 PRECEDING";
        };
        String expr = fn + " OVER (" + over + ")";
        if (a.kind() == AggKind.SUM) {
            expr = "COALESCE(" + expr + ", 0)";
        }
        expr = "CAST(" + expr + " AS " + d.doubleType() + ")";
        if (a.bySlot() >= 0) {
            expr = "CASE WHEN s.c" + a.bySlot() + " IS NULL THEN CAST(NULL AS " + d.doubleType() + ") ELSE " + expr + " END";
        }
        return expr;
    }

    private SqlExprs.Refs rowRefs() {
        return new SqlExprs.Refs() {
            public String input(int slot) {
                return "c" + slot;
            }

            public String eventTime() {
                return "_ts";
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
                return "c" + slot;
            }

            public String eventTime() {
                return "_ts";
            }

            public String agg(int index) {
                return "a" + index;
            }

            public String prevValue(int index) {
                return "pv" + index;
            }

            public String sincePrev(int index) {
                return "(CAST(_tms - pt" + index + " AS " + d.doubleType() + ") / 1000)";
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
