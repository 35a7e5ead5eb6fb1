package io.sentinelrisk.core.expr;

import java.util.List;

/**
 * An expression as written in a feature spec ({@code where}, {@code of}, {@code expr}, {@code flag})
 * or a business mapping's condition ({@code when}), before names are resolved. {@code pos} is the 0-based character offset in the source text, for errors.
 */
public sealed interface Expr {
    int pos();

    record Num(double value, int pos) implements Expr {
    }

    record Str(String value, int pos) implements Expr {
    }

    record Bool(boolean value, int pos) implements Expr {
    }

    record Null(int pos) implements Expr {
    }

    record Name(String name, int pos) implements Expr {
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Expr operand, int pos) implements Expr {
    }

    /** Arithmetic ({@code + - * /}), comparison ({@code = != < <= > >=}) or logic ({@code and or}). */
    record Binary(String op, Expr left, Expr right, int pos) implements Expr {
    }

    record Between(Expr value, Expr low, Expr high, boolean negated, int pos) implements Expr {
    }

    record In(Expr value, List<Expr> items, boolean negated, int pos) implements Expr {
        public In {
            items = List.copyOf(items);
        }
    }

    record IsNull(Expr value, boolean negated, int pos) implements Expr {
    }

    record Call(String function, List<Expr> args, int pos) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }
}
