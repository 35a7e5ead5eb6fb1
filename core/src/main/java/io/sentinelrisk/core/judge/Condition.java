package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A heuristic rule's condition over a record's columns, e.g.
 * {@code failed_attempts >= 10 and (device_trusted == false or country == 'KP')}: comparisons
 * ({@code == != < <= > >=}) of a column with a number, a quoted string or {@code true}/{@code false},
 * combined with {@code and}, {@code or}, {@code not} and parentheses. A missing value makes a
 * comparison false. Parsed once; {@link #bind} checks the columns against a frame's and gives the
 * per-row test, which reads primitive arrays only.
 */
public sealed interface Condition {

    /** The column names this condition reads, in the order written. */
    List<String> columns();

    /** Evaluates the condition on row {@code row} of a frame bound by {@link #bind}. */
    interface Bound {
        boolean test(int row);
    }

    /**
     * This condition on {@code frame}'s columns; an unknown column or a comparison of the wrong
     * kind (a text column with {@code <}) is a ConfigException at {@code where}.
     */
    Bound bind(Frame frame, InputLocation where);

    record And(Condition left, Condition right) implements Condition {
        public List<String> columns() {
            return concat(left.columns(), right.columns());
        }

        public Bound bind(Frame frame, InputLocation where) {
            Bound l = left.bind(frame, where);
            Bound r = right.bind(frame, where);
            return row -> l.test(row) && r.test(row);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public List<String> columns() {
            return concat(left.columns(), right.columns());
        }

        public Bound bind(Frame frame, InputLocation where) {
            Bound l = left.bind(frame, where);
            Bound r = right.bind(frame, where);
            return row -> l.test(row) || r.test(row);
        }
    }

    record Not(Condition inner) implements Condition {
        public List<String> columns() {
            return inner.columns();
        }

        public Bound bind(Frame frame, InputLocation where) {
            Bound b = inner.bind(frame, where);
            return row -> !b.test(row);
        }
    }

    /** {@code column op literal}; {@code literal} is a Double, a Boolean or a String. */
    record Compare(String column, String op, Object literal) implements Condition {
        public List<String> columns() {
            return List.of(column);
        }

        public Bound bind(Frame frame, InputLocation where) {
            int index = frame.schema().indexOf(column);
            if (index < 0) {
                throw new ConfigException(where, "unknown column '" + column + "' in condition; the columns are "
                        + String.join(", ", frame.schema().names()));
            }
            Column c = frame.column(index);
            return switch (c) {
                case Column.Numeric n -> numeric(n.values(), where);
                case Column.Categorical k -> categorical(k, where);
                case Column.Timestamp t -> throw new ConfigException(where,
                        "column '" + column + "' holds timestamps; conditions compare numbers, booleans and text");
            };
        }

        private Bound numeric(double[] v, InputLocation where) {
            double x;
            if (literal instanceof Double d) {
                x = d;
            } else if (literal instanceof Boolean b) {
                x = b ? 1 : 0;
            } else {
                throw new ConfigException(where, "column '" + column + "' is numeric; compare it with a number, found '" + literal + "'");
            }
            return switch (op) {
                case "==" -> row -> v[row] == x;
                case "!=" -> row -> !Double.isNaN(v[row]) && v[row] != x;
                case "<" -> row -> v[row] < x;
                case "<=" -> row -> v[row] <= x;
                case ">" -> row -> v[row] > x;
                case ">=" -> row -> v[row] >= x;
                default -> throw new IllegalStateException(op);
            };
        }

        private Bound categorical(Column.Categorical k, InputLocation where) {
            String text = literal instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : literal.toString();
            if (!op.equals("==") && !op.equals("!=")) {
                throw new ConfigException(where, "column '" + column + "' holds text; compare it with == or !=, found " + op);
            }
            int code = k.dictionary().indexOf(text);
            int[] codes = k.codes();
            boolean eq = op.equals("==");
            // a value the data never holds: == never matches, != matches every present value
            return row -> codes[row] >= 0 && (codes[row] == code) == eq;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Parses {@code text}; a syntax error is a ConfigException at {@code where} naming the offset. */
    static Condition parse(String text, InputLocation where) {
        return new Parser(text, where).parseAll();
    }

    /** A recursive-descent parser: or := and ('or' and)*; and := unary ('and' unary)*; unary := 'not' unary | '(' or ')' | compare. */
    final class Parser {
        private final String s;
        private final InputLocation where;
        private int pos;

        Parser(String s, InputLocation where) {
            this.s = s;
            this.where = where;
        }

        Condition parseAll() {
            Condition c = or();
            skip();
            if (pos < s.length()) {
                throw fail("unexpected '" + s.substring(pos) + "'");
            }
            return c;
        }

        private Condition or() {
            Condition c = and();
            while (word("or")) {
                c = new Or(c, and());
            }
            return c;
        }

        private Condition and() {
            Condition c = unary();
            while (word("and")) {
                c = new And(c, unary());
            }
            return c;
        }

        private Condition unary() {
            if (word("not")) {
                return new Not(unary());
            }
            skip();
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                Condition c = or();
                skip();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw fail("expected ')'");
                }
                pos++;
                return c;
            }
            String column = identifier();
            String op = operator();
            return new Compare(column, op, literal());
        }

        private String identifier() {
            skip();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw fail("expected a column name");
            }
            return s.substring(start, pos);
        }

        private String operator() {
            skip();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
            throw fail("expected one of == != < <= > >=");
        }

        private Object literal() {
            skip();
            if (pos >= s.length()) {
                throw fail("expected a value");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw fail("unclosed quote");
                }
                String v = s.substring(pos + 1, end);
                pos = end + 1;
                return v;
            }
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ')') {
                pos++;
            }
            String token = s.substring(start, pos);
            switch (token.toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return Boolean.TRUE;
                }
                case "false" -> {
                    return Boolean.FALSE;
                }
                default -> {
                }
            }
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                pos = start;
                throw fail("expected a number, true, false or a quoted string, found '" + token + "'");
            }
        }

        private boolean word(String w) {
            skip();
            int end = pos + w.length();
            if (s.regionMatches(true, pos, w, 0, w.length())
                    && (end == s.length() || Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '(')) {
                pos = end;
                return true;
            }
            return false;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private ConfigException fail(String what) {
            return new ConfigException(where, "condition '" + s + "' at character " + (pos + 1) + ": " + what);
        }
    }
}
