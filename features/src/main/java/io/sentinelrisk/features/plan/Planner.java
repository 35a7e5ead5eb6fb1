package io.sentinelrisk.features.plan;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.expr.Expr;
import io.sentinelrisk.features.plan.FeaturePlan.AggSpec;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.PrevSpec;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.plan.FeaturePlan.ValueSource;
import io.sentinelrisk.features.spec.AggKind;
import io.sentinelrisk.features.spec.FeatureDef;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.InputType;
import io.sentinelrisk.features.spec.Source;
import io.sentinelrisk.features.spec.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a {@link FeatureSpec} into a {@link FeaturePlan}: resolves every name, checks types, and
 * shares identical per-event values and aggregates between features (a z-score and a mean over
 * the same column and window read one aggregate state). Only the columns the features use become
 * input slots, so a pack can declare columns a given data set does not need to have.
 */
public final class Planner {
    private static final Set<String> FUNCTIONS = Set.of("abs", "sqrt", "ln", "log10", "floor", "ceil", "least",
            "greatest", "hour", "day_of_week", "haversine_km", "if", "coalesce");

    private final FeatureSpec spec;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<ValueSource> values = new ArrayList<>();
    private final List<AggSpec> aggs = new ArrayList<>();
    private final List<PrevSpec> prevs = new ArrayList<>();
    private final List<PlannedFeature> features = new ArrayList<>();
    private final Map<String, Integer> featureIndex = new LinkedHashMap<>();

    private Planner(FeatureSpec spec) {
        this.spec = spec;
    }

    public static FeaturePlan plan(FeatureSpec spec) {
        return new Planner(spec).build();
    }

    private FeaturePlan build() {
        long ttl = spec.effectiveTtlMs();
        slot(spec.timestamp());
        int[] entity = new int[spec.entity().size()];
        for (int i = 0; i < entity.length; i++) {
            entity[i] = slot(spec.entity().get(i)).index();
        }
        for (FeatureDef f : spec.features()) {
            if (spec.columns().containsKey(f.name())) {
                throw new InputException(f.location(), "feature '" + f.name() + "' has the name of a column of the spec; rename it");
            }
            PlannedFeature pf = feature(f, ttl);
            features.add(pf);
            featureIndex.put(f.name(), pf.index());
        }
        return new FeaturePlan(spec, List.copyOf(slots.values()), entity, 0, ttl, List.copyOf(values), List.copyOf(aggs),
                List.copyOf(prevs), List.copyOf(features));
    }

    private PlannedFeature feature(FeatureDef f, long ttl) {
        int index = features.size();
        String what = "feature '" + f.name() + "'";
        switch (f) {
            case FeatureDef.Aggregate a -> {
                checkWindow(a.window(), ttl, f, what);
                TExpr of = a.of() == null ? null : toValue(bind(a.of(), false, what), a.of(), what);
                if (of != null && of.type() == Ty.STR && a.kind() != AggKind.COUNT && a.kind() != AggKind.DISTINCT_COUNT) {
                    throw new InputException(a.of().location(), what + ": " + a.kind().id() + " needs a number, but '"
                            + a.of().text() + "' is text");
                }
                TExpr where = a.where() == null ? null : condition(bind(a.where(), false, what), a.where(), what);
                int by = -1;
                if (a.by() != null) {
                    Slot bySlot = slot(a.by(), f, what);
                    if (bySlot.type() == InputType.TIMESTAMP) {
                        throw new InputException(f.location(), what + ": 'by' cannot be the timestamp column");
                    }
                    by = bySlot.index();
                }
                int v = value(of, where);
                int agg = agg(a.kind(), v, a.window(), by, a.q());
                boolean integral = a.kind() == AggKind.COUNT || a.kind() == AggKind.DISTINCT_COUNT;
                return new PlannedFeature(index, f.name(), new TExpr.Agg(agg), Ty.NUM, f.output(), integral);
            }
            case FeatureDef.ZScore z -> {
                checkWindow(z.window(), ttl, f, what);
                TExpr of = toValue(bind(z.of(), false, what), z.of(), what);
                if (of.type() != Ty.NUM) {
                    throw new InputException(z.of().location(), what + ": a z-score needs a number, but '" + z.of().text() + "' is text");
                }
                TExpr where = z.where() == null ? null : condition(bind(z.where(), false, what), z.where(), what);
                int v = value(of, where);
                int mean = agg(AggKind.MEAN, v, z.window(), -1, Double.NaN);
                int std = agg(AggKind.STD, v, z.window(), -1, Double.NaN);
                TExpr score = new TExpr.ZScore(of, new TExpr.Agg(mean), new TExpr.Agg(std));
                if (where != null) {
                    score = new TExpr.If(where, score, new TExpr.NullLit(Ty.NUM), Ty.NUM);
                }
                return new PlannedFeature(index, f.name(), score, Ty.NUM, f.output(), false);
            }
            case FeatureDef.TimeSincePrevious t -> {
                int match = t.where() == null ? -1 : value(null, condition(bind(t.where(), false, what), t.where(), what));
                int p = prev(match, -1);
                return new PlannedFeature(index, f.name(), new TExpr.SincePrev(p), Ty.NUM, f.output(), false);
            }
            case FeatureDef.Previous p -> {
                TExpr of = toValue(bind(p.of(), false, what), p.of(), what);
                int match = p.where() == null ? -1 : value(null, condition(bind(p.where(), false, what), p.where(), what));
                int v = value(of, null);
                int prev = prev(match, v);
                if (of.type() == Ty.STR && f.output()) {
                    throw new InputException(f.location(), what + " is text; features written out are numbers, so mark it "
                            + "'output: false' and compare it in a flag (for example: flag: country != " + f.name() + ")");
                }
                return new PlannedFeature(index, f.name(), new TExpr.PrevValue(prev, of.type()), of.type(), f.output(), false);
            }
            case FeatureDef.Derived d -> {
                TExpr e = bind(d.expr(), true, what);
                if (d.flag()) {
                    TExpr cond = condition(e, d.expr(), what);
                    return new PlannedFeature(index, f.name(),
                            new TExpr.If(cond, new TExpr.NumLit(1), new TExpr.NumLit(0), Ty.NUM), Ty.NUM, f.output(), true);
                }
                if (e.type() == Ty.BOOL) {
                    e = new TExpr.BoolNum(e);
                }
                if (e.type() == Ty.TIME) {
                    throw new InputException(d.expr().location(), what + ": the event time itself is not a number; use hour(…) or day_of_week(…)");
                }
                if (e.type() == Ty.STR && f.output()) {
                    throw new InputException(f.location(), what + " is text; mark it 'output: false' and compare it in a flag");
                }
                return new PlannedFeature(index, f.name(), e, e.type(), f.output(), false);
            }
        }
    }

    private void checkWindow(Window w, long ttl, FeatureDef f, String what) {
        if (w instanceof Window.Time t && t.millis() > ttl) {
            throw new InputException(f.location(), what + ": window " + w + " is longer than entity_ttl "
                    + io.sentinelrisk.features.spec.Durations.format(ttl) + "; raise entity_ttl");
        }
    }

    private int value(TExpr of, TExpr where) {
        Ty type = of == null ? Ty.NUM : of.type();
        for (ValueSource v : values) {
            if (java.util.Objects.equals(v.of(), of) && java.util.Objects.equals(v.where(), where)) {
                return v.index();
            }
        }
        values.add(new ValueSource(values.size(), of, where, type));
        return values.size() - 1;
    }

    private int agg(AggKind kind, int value, Window window, int by, double q) {
        for (AggSpec a : aggs) {
            if (a.kind() == kind && a.value() == value && a.window().equals(window) && a.bySlot() == by
                    && (Double.compare(a.q(), q) == 0)) {
                return a.index();
            }
        }
        aggs.add(new AggSpec(aggs.size(), kind, value, window, by, q));
        return aggs.size() - 1;
    }

    private int prev(int match, int value) {
        for (PrevSpec p : prevs) {
            if (p.match() == match && p.value() == value) {
                return p.index();
            }
        }
        prevs.add(new PrevSpec(prevs.size(), match, value));
        return prevs.size() - 1;
    }

    /** An aggregate's input: booleans count as 1/0, the event time is not a value. */
    private TExpr toValue(TExpr e, Source src, String what) {
        return switch (e.type()) {
            case BOOL -> new TExpr.BoolNum(e);
            case TIME -> throw new InputException(src.location(), what + ": the event time itself cannot be aggregated");
            default -> e;
        };
    }

    private TExpr condition(TExpr e, Source src, String what) {
        return switch (e.type()) {
            case BOOL -> e;
            case NUM -> new TExpr.Cmp("!=", e, new TExpr.NumLit(0));
            default -> throw new InputException(src.location(), what + ": '" + src.text() + "' must be a condition, but it is "
                    + e.type().describe());
        };
    }

    private Slot slot(String logical) {
        return slot(logical, null, null);
    }

    private Slot slot(String logical, FeatureDef f, String what) {
        Slot s = slots.get(logical);
        if (s != null) {
            return s;
        }
        InputType type = spec.columns().get(logical);
        if (type == null) {
            throw new InputException(f == null ? null : f.location(), (what == null ? "" : what + ": ") + "'" + logical
                    + "' is not a column of the spec; declare it under 'columns:' with its type");
        }
        s = new Slot(slots.size(), logical, spec.columnFor(logical), type);
        slots.put(logical, s);
        return s;
    }

    // ---- binding and type checking ----

    private TExpr bind(Source src, boolean row, String what) {
        return new Binder(src, row, what).bind(src.expr());
    }

    private final class Binder {
        private final Source src;
        private final boolean row;
        private final String what;

        Binder(Source src, boolean row, String what) {
            this.src = src;
            this.row = row;
            this.what = what;
        }

        InputException error(int pos, String message) {
            return new InputException(src.location(), what + ": " + message + " (at character " + (pos + 1) + " of '"
                    + src.text() + "')");
        }

        TExpr bind(Expr e) {
            return switch (e) {
                case Expr.Num n -> new TExpr.NumLit(n.value());
                case Expr.Str s -> new TExpr.StrLit(s.value());
                case Expr.Bool b -> new TExpr.BoolLit(b.value());
                case Expr.Null n -> new TExpr.NullLit(Ty.NUM);
                case Expr.Name n -> name(n);
                case Expr.Unary u -> u.op().equals("-") ? new TExpr.Neg(num(bind(u.operand()), u.operand()))
                        : new TExpr.Not(cond(bind(u.operand()), u.operand()));
                case Expr.Binary b -> binary(b);
                case Expr.Between b -> {
                    TExpr v = bind(b.value());
                    TExpr r = new TExpr.Logic(true, compare(">=", v, bind(b.low()), b.pos()), compare("<=", v, bind(b.high()), b.pos()));
                    yield b.negated() ? new TExpr.Not(r) : r;
                }
                case Expr.In in -> {
                    TExpr v = bind(in.value());
                    TExpr r = null;
                    for (Expr item : in.items()) {
                        TExpr c = compare("=", v, bind(item), item.pos());
                        r = r == null ? c : new TExpr.Logic(false, r, c);
                    }
                    yield in.negated() ? new TExpr.Not(r) : r;
                }
                case Expr.IsNull n -> new TExpr.IsNull(bind(n.value()), n.negated());
                case Expr.Call c -> call(c);
            };
        }

        private TExpr name(Expr.Name n) {
            String name = n.name();
            if (row && featureIndex.containsKey(name)) {
                PlannedFeature f = features.get(featureIndex.get(name));
                return new TExpr.Feature(f.index(), f.type());
            }
            if (spec.columns().containsKey(name)) {
                Slot s = slot(name);
                return new TExpr.Input(s.index(), s.ty());
            }
            boolean later = spec.features().stream().anyMatch(f -> f.name().equals(name));
            if (later && row) {
                throw error(n.pos(), "feature '" + name + "' is used before it is defined; move it above");
            }
            if (later) {
                throw error(n.pos(), "'" + name + "' is a feature; 'of', 'where' and 'by' read the events' columns only");
            }
            List<String> known = new ArrayList<>(spec.columns().keySet());
            String hint = "columns of the spec: " + String.join(", ", known);
            if (row && !featureIndex.isEmpty()) {
                hint += "; features defined above: " + String.join(", ", featureIndex.keySet());
            }
            throw error(n.pos(), "unknown name '" + name + "' (" + hint + ")");
        }

        private TExpr binary(Expr.Binary b) {
            String op = b.op();
            TExpr l = bind(b.left());
            TExpr r = bind(b.right());
            return switch (op) {
                case "and", "or" -> new TExpr.Logic(op.equals("and"), cond(l, b.left()), cond(r, b.right()));
                case "+", "-", "*", "/" -> new TExpr.Arith(op.charAt(0), num(l, b.left()), num(r, b.right()));
                default -> compare(op, l, r, b.pos());
            };
        }

        private TExpr compare(String op, TExpr l, TExpr r, int pos) {
            if (l instanceof TExpr.NullLit) {
                l = new TExpr.NullLit(r.type());
            }
            if (r instanceof TExpr.NullLit) {
                r = new TExpr.NullLit(l.type());
            }
            if (l.type() == Ty.TIME || r.type() == Ty.TIME) {
                throw error(pos, "the event time cannot be compared; use hour(…) or day_of_week(…)");
            }
            if (l.type() == Ty.STR || r.type() == Ty.STR) {
                if (l.type() != r.type()) {
                    throw error(pos, "cannot compare text with " + (l.type() == Ty.STR ? r.type() : l.type()).describe());
                }
                if (!op.equals("=") && !op.equals("!=")) {
                    throw error(pos, "text can only be compared with = and != (ordering of text differs between databases)");
                }
                return new TExpr.Cmp(op, l, r);
            }
            if (l.type() == Ty.BOOL && r.type() == Ty.BOOL) {
                if (!op.equals("=") && !op.equals("!=")) {
                    throw error(pos, "conditions can only be compared with = and !=");
                }
                return new TExpr.Cmp(op, l, r);
            }
            return new TExpr.Cmp(op, asNum(l), asNum(r));
        }

        private TExpr call(Expr.Call c) {
            String fn = c.function();
            if (!FUNCTIONS.contains(fn)) {
                throw error(c.pos(), "unknown function '" + fn + "'; functions are: " + String.join(", ", new java.util.TreeSet<>(FUNCTIONS)));
            }
            List<TExpr> args = new ArrayList<>();
            for (Expr a : c.args()) {
                args.add(bind(a));
            }
            int n = args.size();
            switch (fn) {
                case "if" -> {
                    arity(c, n == 3, "3 arguments: if(condition, then, otherwise)");
                    TExpr cond = cond(args.get(0), c.args().get(0));
                    TExpr a = args.get(1);
                    TExpr b = args.get(2);
                    Ty t = unify(a, b, c);
                    return new TExpr.If(cond, coerce(a, t), coerce(b, t), t);
                }
                case "coalesce" -> {
                    arity(c, n >= 1, "at least 1 argument");
                    Ty t = args.get(0).type();
                    for (TExpr a : args) {
                        t = unify(t, a, c);
                    }
                    List<TExpr> out = new ArrayList<>();
                    for (TExpr a : args) {
                        out.add(coerce(a, t));
                    }
                    return new TExpr.Coalesce(out, t);
                }
                case "hour", "day_of_week" -> {
                    arity(c, n == 1 && args.get(0).type() == Ty.TIME, "1 argument, the timestamp column: " + fn + "(" + spec.timestamp() + ")");
                    return new TExpr.Fn(fn, args);
                }
                case "least", "greatest" -> arity(c, n >= 2, "at least 2 arguments");
                case "haversine_km" -> arity(c, n == 4, "4 arguments: haversine_km(lat1, lon1, lat2, lon2) in degrees");
                default -> arity(c, n == 1, "1 argument");
            }
            List<TExpr> nums = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nums.add(num(args.get(i), c.args().get(i)));
            }
            return new TExpr.Fn(fn, nums);
        }

        private void arity(Expr.Call c, boolean ok, String expected) {
            if (!ok) {
                throw error(c.pos(), c.function() + "(…) takes " + expected);
            }
        }

        private Ty unify(TExpr a, TExpr b, Expr.Call c) {
            return unify(a.type() == Ty.NUM && a instanceof TExpr.NullLit ? b.type() : a.type(), b, c);
        }

        private Ty unify(Ty t, TExpr b, Expr.Call c) {
            if (b instanceof TExpr.NullLit || b.type() == t) {
                return t;
            }
            if ((t == Ty.NUM && b.type() == Ty.BOOL) || (t == Ty.BOOL && b.type() == Ty.NUM)) {
                return Ty.NUM;
            }
            throw error(c.pos(), c.function() + "(…) mixes " + t.describe() + " and " + b.type().describe());
        }

        private TExpr coerce(TExpr e, Ty t) {
            if (e instanceof TExpr.NullLit) {
                return new TExpr.NullLit(t);
            }
            if (t == Ty.NUM && e.type() == Ty.BOOL) {
                return new TExpr.BoolNum(e);
            }
            return e;
        }

        private TExpr asNum(TExpr e) {
            return e.type() == Ty.BOOL ? new TExpr.BoolNum(e) : e;
        }

        private TExpr num(TExpr e, Expr at) {
            return switch (e.type()) {
                case NUM -> e;
                case BOOL -> new TExpr.BoolNum(e);
                default -> throw error(at.pos(), "expected a number, found " + e.type().describe());
            };
        }

        private TExpr cond(TExpr e, Expr at) {
            return switch (e.type()) {
                case BOOL -> e;
                case NUM -> new TExpr.Cmp("!=", e, new TExpr.NumLit(0));
                default -> throw error(at.pos(), "expected a condition, found " + e.type().describe());
            };
        }
    }
}
