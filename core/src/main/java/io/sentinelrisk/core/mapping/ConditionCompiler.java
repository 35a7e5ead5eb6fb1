package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.expr.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a parsed condition into typed evaluators over a {@link RecordView}: numbers as
 * {@code double} (NaN = missing), text as String (null = missing), truth as three values
 * ({@link #TRUE}, {@link #FALSE}, {@link #UNKNOWN}, as SQL: a comparison with a missing value is
 * unknown, and a category matches only when its condition is true). Nothing is boxed per record.
 * Names and types are checked here, so a bad condition fails when the mapping is attached to a
 * model, not while scoring.
 */
final class ConditionCompiler {
    static final int TRUE = 1;
    static final int FALSE = 0;
    static final int UNKNOWN = -1;

    interface NumFn {
        double eval(RecordView r);
    }

    interface StrFn {
        String eval(RecordView r);
    }

    interface BoolFn {
        int eval(RecordView r);
    }

    private sealed interface Typed {
    }

    private record Num(NumFn f) implements Typed {
    }

    private record Str(StrFn f) implements Typed {
    }

    private record Bool(BoolFn f) implements Typed {
    }

    private record Null() implements Typed {
    }

    private final Slots slots;
    private final String text;
    private final InputLocation at;
    private final String what;

    /**
     * @param text the condition as written, for messages
     * @param at   where it was written
     * @param what what it is, for messages ("condition of category 'brute_force'")
     */
    ConditionCompiler(Slots slots, String text, InputLocation at, String what) {
        this.slots = slots;
        this.text = text;
        this.at = at;
        this.what = what;
    }

    BoolFn condition(Expr e) {
        Typed t = compile(e);
        if (t instanceof Bool b) {
            return b.f();
        }
        throw error(e, "expected a condition (true or false), found " + kind(t));
    }

    private Typed compile(Expr e) {
        return switch (e) {
            case Expr.Num n -> {
                double v = n.value();
                yield new Num(r -> v);
            }
            case Expr.Str s -> {
                String v = s.value();
                yield new Str(r -> v);
            }
            case Expr.Bool b -> {
                int v = b.value() ? TRUE : FALSE;
                yield new Bool(r -> v);
            }
            case Expr.Null n -> new Null();
            case Expr.Name n -> name(n);
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.Between b -> between(b);
            case Expr.In in -> in(in);
            case Expr.IsNull isNull -> isNull(isNull);
            case Expr.Call c -> call(c);
        };
    }

    private Typed name(Expr.Name n) {
        switch (n.name()) {
            case "score" -> {
                return new Num(r -> r.facts().score());
            }
            case "risk" -> {
                return new Num(r -> r.facts().risk());
            }
            case "severity" -> {
                return new Str(r -> r.facts().severity().id());
            }
            case "is_anomaly" -> {
                return new Bool(r -> r.facts().isAnomaly() ? TRUE : FALSE);
            }
            case "class" -> {
                return new Str(r -> r.facts().predictedClass());
            }
            case "top_feature" -> {
                return new Str(r -> r.reasons().isEmpty() ? null : r.reasons().get(0).feature());
            }
            case "top_deviation" -> {
                return new Num(r -> r.reasons().isEmpty() ? Double.NaN : r.reasons().get(0).deviation());
            }
            default -> {
            }
        }
        ColumnType type = slots.type(n.name());
        if (type == null) {
            throw error(at, what, text, n.pos(), "unknown field '" + n.name() + "'", "expected one of " + slots.valid(false));
        }
        int slot = slots.slot(n.name());
        return switch (type) {
            case NUMERIC, TIMESTAMP -> new Num(r -> r.number(slot));
            case BOOLEAN -> new Bool(r -> {
                double v = r.number(slot);
                return Double.isNaN(v) ? UNKNOWN : v != 0 ? TRUE : FALSE;
            });
            case CATEGORICAL -> new Str(r -> r.text(slot));
        };
    }

    private Typed unary(Expr.Unary u) {
        Typed x = compile(u.operand());
        if (u.op().equals("-")) {
            NumFn f = num(x, u.operand(), "'-'");
            return new Num(r -> -f.eval(r));
        }
        BoolFn f = bool(x, u.operand(), "'not'");
        return new Bool(r -> {
            int v = f.eval(r);
            return v == UNKNOWN ? UNKNOWN : 1 - v;
        });
    }

    private Typed binary(Expr.Binary b) {
        Typed l = compile(b.left());
        Typed r = compile(b.right());
        String op = b.op();
        switch (op) {
            case "and", "or" -> {
                BoolFn x = bool(l, b.left(), "'" + op + "'");
                BoolFn y = bool(r, b.right(), "'" + op + "'");
                // Short-circuit (the result is the same in three-valued logic): the right side may ask
                // for the record's reasons, which cost an explanation.
                return op.equals("and")
                        ? new Bool(v -> {
                            int a = x.eval(v);
                            return a == FALSE ? FALSE : and(a, y.eval(v));
                        })
                        : new Bool(v -> {
                            int a = x.eval(v);
                            return a == TRUE ? TRUE : or(a, y.eval(v));
                        });
            }
            case "+", "-", "*", "/" -> {
                NumFn x = num(l, b.left(), "'" + op + "'");
                NumFn y = num(r, b.right(), "'" + op + "'");
                return new Num(switch (op) {
                    case "+" -> v -> x.eval(v) + y.eval(v);
                    case "-" -> v -> x.eval(v) - y.eval(v);
                    case "*" -> v -> x.eval(v) * y.eval(v);
                    default -> v -> {
                        double d = y.eval(v);
                        return d == 0 ? Double.NaN : x.eval(v) / d;   // as SQL's NULLIF: x / 0 is missing
                    };
                });
            }
            default -> {
                return compare(op, l, r, b);
            }
        }
    }

    private Typed compare(String op, Typed l, Typed r, Expr.Binary b) {
        if (l instanceof Null || r instanceof Null) {
            throw error(b, "a comparison with null is never true; write 'is null' or 'is not null'");
        }
        if (l instanceof Str || r instanceof Str) {
            StrFn x = str(l, b.left(), "'" + op + "'");
            StrFn y = str(r, b.right(), "'" + op + "'");
            if (!op.equals("=") && !op.equals("!=")) {
                throw error(b, "text is compared with = or != only, found '" + op + "'");
            }
            boolean eq = op.equals("=");
            return new Bool(v -> {
                String p = x.eval(v);
                String q = y.eval(v);
                return p == null || q == null ? UNKNOWN : p.equals(q) == eq ? TRUE : FALSE;
            });
        }
        if (l instanceof Bool && r instanceof Bool && (op.equals("=") || op.equals("!="))) {
            BoolFn x = ((Bool) l).f();
            BoolFn y = ((Bool) r).f();
            boolean eq = op.equals("=");
            return new Bool(v -> {
                int p = x.eval(v);
                int q = y.eval(v);
                return p == UNKNOWN || q == UNKNOWN ? UNKNOWN : (p == q) == eq ? TRUE : FALSE;
            });
        }
        NumFn x = num(l, b.left(), "'" + op + "'");
        NumFn y = num(r, b.right(), "'" + op + "'");
        return new Bool(switch (op) {
            case "<" -> v -> cmp(x.eval(v), y.eval(v), -1, -1);
            case "<=" -> v -> cmp(x.eval(v), y.eval(v), -1, 0);
            case ">" -> v -> cmp(x.eval(v), y.eval(v), 1, 1);
            case ">=" -> v -> cmp(x.eval(v), y.eval(v), 1, 0);
            case "=" -> v -> cmp(x.eval(v), y.eval(v), 0, 0);
            default -> v -> {
                double p = x.eval(v);
                double q = y.eval(v);
                return Double.isNaN(p) || Double.isNaN(q) ? UNKNOWN : p != q ? TRUE : FALSE;
            };
        });
    }

    /** TRUE when sign(p - q) is {@code a} or {@code b}; UNKNOWN when either is missing. */
    private static int cmp(double p, double q, int a, int b) {
        if (Double.isNaN(p) || Double.isNaN(q)) {
            return UNKNOWN;
        }
        int s = Double.compare(p, q) < 0 ? -1 : p == q ? 0 : 1;
        return s == a || s == b ? TRUE : FALSE;
    }

    private Typed between(Expr.Between b) {
        NumFn x = num(compile(b.value()), b.value(), "'between'");
        NumFn lo = num(compile(b.low()), b.low(), "'between'");
        NumFn hi = num(compile(b.high()), b.high(), "'between'");
        boolean negated = b.negated();
        return new Bool(v -> {
            double p = x.eval(v);
            double l = lo.eval(v);
            double h = hi.eval(v);
            if (Double.isNaN(p) || Double.isNaN(l) || Double.isNaN(h)) {
                return UNKNOWN;
            }
            return (p >= l && p <= h) != negated ? TRUE : FALSE;
        });
    }

    private Typed in(Expr.In in) {
        Typed x = compile(in.value());
        boolean negated = in.negated();
        if (x instanceof Str s) {
            List<StrFn> items = new ArrayList<>();
            for (Expr item : in.items()) {
                items.add(str(compile(item), item, "'in'"));
            }
            StrFn[] fs = items.toArray(StrFn[]::new);
            return new Bool(v -> {
                String p = s.f().eval(v);
                if (p == null) {
                    return UNKNOWN;
                }
                for (StrFn f : fs) {
                    if (p.equals(f.eval(v))) {
                        return negated ? FALSE : TRUE;
                    }
                }
                return negated ? TRUE : FALSE;
            });
        }
        NumFn p = num(x, in.value(), "'in'");
        List<NumFn> items = new ArrayList<>();
        for (Expr item : in.items()) {
            items.add(num(compile(item), item, "'in'"));
        }
        NumFn[] fs = items.toArray(NumFn[]::new);
        return new Bool(v -> {
            double q = p.eval(v);
            if (Double.isNaN(q)) {
                return UNKNOWN;
            }
            for (NumFn f : fs) {
                if (q == f.eval(v)) {
                    return negated ? FALSE : TRUE;
                }
            }
            return negated ? TRUE : FALSE;
        });
    }

    private Typed isNull(Expr.IsNull e) {
        Typed x = compile(e.value());
        boolean negated = e.negated();
        return switch (x) {
            case Num n -> new Bool(v -> Double.isNaN(n.f().eval(v)) != negated ? TRUE : FALSE);
            case Str s -> new Bool(v -> (s.f().eval(v) == null) != negated ? TRUE : FALSE);
            case Bool b -> new Bool(v -> (b.f().eval(v) == UNKNOWN) != negated ? TRUE : FALSE);
            case Null n -> new Bool(v -> negated ? FALSE : TRUE);
        };
    }

    private Typed call(Expr.Call c) {
        List<Expr> args = c.args();
        switch (c.function()) {
            case "abs" -> {
                arity(c, 1);
                NumFn f = num(compile(args.get(0)), args.get(0), "abs()");
                return new Num(v -> Math.abs(f.eval(v)));
            }
            case "lower", "upper" -> {
                arity(c, 1);
                StrFn f = str(compile(args.get(0)), args.get(0), c.function() + "()");
                boolean lower = c.function().equals("lower");
                return new Str(v -> {
                    String s = f.eval(v);
                    return s == null ? null : lower ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT);
                });
            }
            case "coalesce" -> {
                if (args.size() < 2) {
                    throw error(c, "coalesce() takes two or more arguments, found " + args.size());
                }
                return coalesce(c);
            }
            case "has_reason" -> {
                arity(c, 1);
                if (!(args.get(0) instanceof Expr.Str s)) {
                    throw error(args.get(0), "has_reason() takes a column name in quotes, e.g. has_reason('bytes_out')");
                }
                String feature = s.value();
                if (slots.type(feature) == null) {
                    throw error(args.get(0), "has_reason(): unknown column '" + feature + "'; expected one of " + slots.valid(false)
                            .replace(", " + String.join(", ", Slots.RESULTS), ""));
                }
                return new Bool(v -> {
                    for (Reason reason : v.reasons()) {
                        if (reason.feature().equals(feature)) {
                            return TRUE;
                        }
                    }
                    return FALSE;
                });
            }
            default -> throw error(c, "unknown function '" + c.function() + "'; expected abs, lower, upper, coalesce or has_reason");
        }
    }

    private Typed coalesce(Expr.Call c) {
        List<Typed> ts = new ArrayList<>();
        for (Expr a : c.args()) {
            ts.add(compile(a));
        }
        if (ts.stream().anyMatch(t -> t instanceof Str)) {
            List<StrFn> fs = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                fs.add(str(ts.get(i), c.args().get(i), "coalesce()"));
            }
            return new Str(v -> {
                for (StrFn f : fs) {
                    String s = f.eval(v);
                    if (s != null) {
                        return s;
                    }
                }
                return null;
            });
        }
        List<NumFn> fs = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            fs.add(num(ts.get(i), c.args().get(i), "coalesce()"));
        }
        return new Num(v -> {
            for (NumFn f : fs) {
                double d = f.eval(v);
                if (!Double.isNaN(d)) {
                    return d;
                }
            }
            return Double.NaN;
        });
    }

    private void arity(Expr.Call c, int n) {
        if (c.args().size() != n) {
            throw error(c, c.function() + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", found " + c.args().size());
        }
    }

    static int and(int a, int b) {
        if (a == FALSE || b == FALSE) {
            return FALSE;
        }
        return a == TRUE && b == TRUE ? TRUE : UNKNOWN;
    }

    static int or(int a, int b) {
        if (a == TRUE || b == TRUE) {
            return TRUE;
        }
        return a == FALSE && b == FALSE ? FALSE : UNKNOWN;
    }

    /** A number; a boolean reads as 1/0 (the product stores booleans so). */
    private NumFn num(Typed t, Expr e, String where) {
        return switch (t) {
            case Num n -> n.f();
            case Bool b -> v -> {
                int x = b.f().eval(v);
                return x == UNKNOWN ? Double.NaN : x;
            };
            case Null n -> v -> Double.NaN;
            case Str s -> throw error(e, where + " expects a number, found text");
        };
    }

    private StrFn str(Typed t, Expr e, String where) {
        return switch (t) {
            case Str s -> s.f();
            case Null n -> v -> null;
            default -> throw error(e, where + " mixes text and " + kind(t) + "; write text in single quotes "
                    + "and compare text with text, numbers with numbers");
        };
    }

    private BoolFn bool(Typed t, Expr e, String where) {
        return switch (t) {
            case Bool b -> b.f();
            case Null n -> v -> UNKNOWN;
            default -> throw error(e, where + " expects a condition (true or false), found " + kind(t));
        };
    }

    private static String kind(Typed t) {
        return switch (t) {
            case Num n -> "a number";
            case Str s -> "text";
            case Bool b -> "a condition";
            case Null n -> "null";
        };
    }

    private InputException error(Expr e, String message) {
        return error(at, what, text, e.pos(), message);
    }

    static InputException error(InputLocation at, String what, String text, int pos, String message) {
        return error(at, what, text, pos, message, null);
    }

    /** {@code what: message at character N of 'text'; hint}: one line, the place before the list of what is valid. */
    static InputException error(InputLocation at, String what, String text, int pos, String message, String hint) {
        return new InputException(at, what + ": " + message + " at character " + (pos + 1) + " of '" + text + "'"
                + (hint == null ? "" : "; " + hint));
    }
}
