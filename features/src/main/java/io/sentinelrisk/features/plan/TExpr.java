package io.sentinelrisk.features.plan;

import java.util.List;

/**
 * A type-checked expression whose names are resolved: to the event's input slots, to computed
 * aggregates and previous-event lookups, or to earlier features. This is the one description of a
 * feature's arithmetic; {@code sql.SqlExprs} renders it to SQL and {@code stream.Evaluators}
 * compiles it for the streaming engine, and both follow the same rules for missing values:
 * arithmetic on null is null, {@code x / 0} is null, conditions are three-valued (SQL logic).
 */
public sealed interface TExpr {
    Ty type();

    record NumLit(double value) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    record StrLit(String value) implements TExpr {
        public Ty type() {
            return Ty.STR;
        }
    }

    record BoolLit(boolean value) implements TExpr {
        public Ty type() {
            return Ty.BOOL;
        }
    }

    record NullLit(Ty type) implements TExpr {
    }

    /** The current event's value of an input slot (TIME for the timestamp slot). */
    record Input(int slot, Ty type) implements TExpr {
    }

    /** The value of aggregate {@code index} for the current event. */
    record Agg(int index) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** The value at the previous (matching) event of lookup {@code index}. */
    record PrevValue(int index, Ty type) implements TExpr {
    }

    /** Seconds from the previous (matching) event of lookup {@code index} to this one. */
    record SincePrev(int index) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** Feature {@code index}, computed before this one. */
    record Feature(int index, Ty type) implements TExpr {
    }

    record Neg(TExpr operand) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** {@code op} is one of + - * / ; division by zero gives null. */
    record Arith(char op, TExpr left, TExpr right) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** {@code op} is one of = != < <= > >= ; operands of the same type. */
    record Cmp(String op, TExpr left, TExpr right) implements TExpr {
        public Ty type() {
            return Ty.BOOL;
        }
    }

    record Logic(boolean and, TExpr left, TExpr right) implements TExpr {
        public Ty type() {
            return Ty.BOOL;
        }
    }

    record Not(TExpr operand) implements TExpr {
        public Ty type() {
            return Ty.BOOL;
        }
    }

    record IsNull(TExpr operand, boolean negated) implements TExpr {
        public Ty type() {
            return Ty.BOOL;
        }
    }

    /** A condition as a number: true 1, false 0, unknown null. */
    record BoolNum(TExpr operand) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** {@code cond} true → {@code then}, otherwise (false or unknown) → {@code otherwise}. */
    record If(TExpr cond, TExpr then, TExpr otherwise, Ty type) implements TExpr {
    }

    record Coalesce(List<TExpr> args, Ty type) implements TExpr {
        public Coalesce {
            args = List.copyOf(args);
        }
    }

    /**
     * A numeric function: abs, sqrt (null below 0), ln and log10 (null at or below 0), floor, ceil,
     * least and greatest (null if any argument is null), hour and day_of_week of the event time
     * (UTC; ISO days, Monday = 1), haversine_km(lat1, lon1, lat2, lon2).
     */
    record Fn(String name, List<TExpr> args) implements TExpr {
        public Fn {
            args = List.copyOf(args);
        }

        public Ty type() {
            return Ty.NUM;
        }
    }

    /**
     * {@code (x - mean) / std}; null when any is null or when std is numerically zero:
     * {@code std <= 1e-9 * max(1, |mean|)}.
     */
    record ZScore(TExpr x, TExpr mean, TExpr std) implements TExpr {
        public Ty type() {
            return Ty.NUM;
        }
    }

    /** Relative size below which a standard deviation counts as zero (see {@link ZScore}). */
    double ZERO_STD = 1e-9;

    /** Mean Earth radius used by haversine_km (IUGG). */
    double EARTH_RADIUS_KM = 6371.0088;
}
