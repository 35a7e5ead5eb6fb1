package io.sentinelrisk.features.sql;

import io.sentinelrisk.features.plan.TExpr;
import io.sentinelrisk.features.plan.Ty;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link TExpr} as SQL for DuckDB or PostgreSQL. Every numeric value is a double (so
 * {@code 1/2} is 0.5 in PostgreSQL too), division by zero is null (as in streaming, and instead of
 * PostgreSQL's error or DuckDB's infinity), and functions that would raise an error in one engine
 * (sqrt of a negative, ln of 0, asin above 1) get null or clamped arguments, as the Java side does.
 */
public final class SqlExprs {

    /** How references are spelled in the query the expression goes into. */
    public interface Refs {
        String input(int slot);

        String eventTime();

        String agg(int index);

        String prevValue(int index);

        String sincePrev(int index);

        String feature(int index);
    }

    private final Dialect d;
    private final Refs refs;

    public SqlExprs(Dialect dialect, Refs refs) {
        this.d = dialect;
        this.refs = refs;
    }

    public String render(TExpr e) {
        return switch (e) {
            case TExpr.NumLit n -> num(n.value());
            case TExpr.StrLit s -> Dialect.literal(s.value());
            case TExpr.BoolLit b -> b.value() ? "TRUE" : "FALSE";
            case TExpr.NullLit n -> "CAST(NULL AS " + type(n.type()) + ")";
            case TExpr.Input i -> i.type() == Ty.TIME ? refs.eventTime() : refs.input(i.slot());
            case TExpr.Agg a -> refs.agg(a.index());
            case TExpr.PrevValue p -> refs.prevValue(p.index());
            case TExpr.SincePrev p -> refs.sincePrev(p.index());
            case TExpr.Feature f -> refs.feature(f.index());
            case TExpr.Neg n -> "(-" + render(n.operand()) + ")";
            case TExpr.Arith a -> a.op() == '/'
                    ? "(" + render(a.left()) + " / NULLIF(" + render(a.right()) + ", 0))"
                    : "(" + render(a.left()) + " " + a.op() + " " + render(a.right()) + ")";
            case TExpr.Cmp c -> "(" + render(c.left()) + " " + (c.op().equals("!=") ? "<>" : c.op()) + " " + render(c.right()) + ")";
            case TExpr.Logic l -> "(" + render(l.left()) + (l.and() ? " AND " : " OR ") + render(l.right()) + ")";
            case TExpr.Not n -> "(NOT " + render(n.operand()) + ")";
            case TExpr.IsNull n -> "(" + render(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case TExpr.BoolNum b -> "CAST(CAST(" + render(b.operand()) + " AS INTEGER) AS " + d.doubleType() + ")";
            case TExpr.If i -> "CASE WHEN " + render(i.cond()) + " THEN " + render(i.then()) + " ELSE " + render(i.otherwise()) + " END";
            case TExpr.Coalesce c -> "COALESCE(" + String.join(", ", all(c.args())) + ")";
            case TExpr.Fn f -> fn(f);
            case TExpr.ZScore z -> {
                String m = render(z.mean());
                String s = render(z.std());
                yield "CASE WHEN " + s + " > " + num(TExpr.ZERO_STD) + " * GREATEST(" + num(1) + ", ABS(" + m + ")) THEN ("
                        + render(z.x()) + " - " + m + ") / " + s + " END";
            }
        };
    }

    private String fn(TExpr.Fn f) {
        List<String> a = all(f.args());
        return switch (f.name()) {
            case "abs" -> "abs(" + a.get(0) + ")";
            case "floor" -> "floor(" + a.get(0) + ")";
            case "ceil" -> "ceil(" + a.get(0) + ")";
            case "sqrt" -> "sqrt(CASE WHEN " + a.get(0) + " >= 0 THEN " + a.get(0) + " END)";
            case "ln" -> "ln(CASE WHEN " + a.get(0) + " > 0 THEN " + a.get(0) + " END)";
            case "log10" -> "log10(CASE WHEN " + a.get(0) + " > 0 THEN " + a.get(0) + " END)";
            case "least", "greatest" -> {
                StringBuilder anyNull = new StringBuilder();
                for (String s : a) {
                    anyNull.append(anyNull.isEmpty() ? "" : " OR ").append(s).append(" IS NULL");
                }
                yield "CASE WHEN " + anyNull + " THEN CAST(NULL AS " + d.doubleType() + ") ELSE "
                        + f.name().toUpperCase(java.util.Locale.ROOT) + "(" + String.join(", ", a) + ") END";
            }
            case "hour" -> d == Dialect.DUCKDB ? "CAST(hour(" + a.get(0) + ") AS DOUBLE)"
                    : "CAST(EXTRACT(HOUR FROM " + a.get(0) + ") AS DOUBLE PRECISION)";
            case "day_of_week" -> d == Dialect.DUCKDB ? "CAST(isodow(" + a.get(0) + ") AS DOUBLE)"
                    : "CAST(EXTRACT(ISODOW FROM " + a.get(0) + ") AS DOUBLE PRECISION)";
            case "haversine_km" -> {
                String lat1 = a.get(0);
                String lon1 = a.get(1);
                String lat2 = a.get(2);
                String lon2 = a.get(3);
                String h = "(power(sin(radians(" + lat2 + " - " + lat1 + ") / 2), 2) + cos(radians(" + lat1 + ")) * cos(radians("
                        + lat2 + ")) * power(sin(radians(" + lon2 + " - " + lon1 + ") / 2), 2))";
                String root = "sqrt(" + h + ")";
                yield "(" + num(2 * TExpr.EARTH_RADIUS_KM) + " * asin(CASE WHEN " + root + " > 1 THEN " + num(1) + " ELSE " + root + " END))";
            }
            default -> throw new IllegalStateException("no SQL for function " + f.name());
        };
    }

    private List<String> all(List<TExpr> args) {
        List<String> out = new ArrayList<>(args.size());
        for (TExpr a : args) {
            out.add(render(a));
        }
        return out;
    }

    private String num(double v) {
        String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        return "CAST(" + s + " AS " + d.doubleType() + ")";
    }

    private String type(Ty t) {
        return switch (t) {
            case NUM -> d.doubleType();
            case STR -> d.textType();
            case BOOL -> "BOOLEAN";
            case TIME -> "TIMESTAMP";
        };
    }
}
