package io.sentinelrisk.core.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the product's small expression language, shared by feature specs (the {@code features}
 * module) and business mappings ({@code core.mapping}). Precedence, loosest first: {@code or},
 * {@code and}, {@code not}, comparisons / {@code between} / {@code in} / {@code is null},
 * {@code + -}, {@code * /}, unary minus. Names are letters, digits and underscores, or any text in
 * backticks. Strings are in single quotes ({@code ''} for a quote). Keywords are case-insensitive.
 * Nothing is evaluated here: the result is a tree that each user type-checks and compiles (to SQL,
 * to streaming evaluators, to mapping conditions).
 */
public final class ExprParser {
    private final String src;
    private int pos;

    private ExprParser(String src) {
        this.src = src;
    }

    public static Expr parse(String text) {
        ExprParser p = new ExprParser(text);
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw new ExprSyntaxException("empty expression", 0);
        }
        Expr e = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new ExprSyntaxException("unexpected '" + p.peekToken() + "'", p.pos);
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (true) {
            int at = pos;
            if (keyword("or")) {
                left = new Expr.Binary("or", left, and(), at);
            } else {
                return left;
            }
        }
    }

    private Expr and() {
        Expr left = not();
        while (true) {
            int at = pos;
            if (keyword("and")) {
                left = new Expr.Binary("and", left, not(), at);
            } else {
                return left;
            }
        }
    }

    private Expr not() {
        int at = skipSpaceAndPos();
        if (keyword("not")) {
            return new Expr.Unary("not", not(), at);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        skipSpace();
        int at = pos;
        for (String op : new String[] {"<=", ">=", "!=", "<>", "==", "=", "<", ">"}) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                String norm = switch (op) {
                    case "<>" -> "!=";
                    case "==" -> "=";
                    default -> op;
                };
                return new Expr.Binary(norm, left, additive(), at);
            }
        }
        int save = pos;
        if (keyword("is")) {
            boolean negated = keyword("not");
            if (!keyword("null")) {
                throw new ExprSyntaxException("expected 'null' after 'is'", pos);
            }
            return new Expr.IsNull(left, negated, at);
        }
        boolean negated = keyword("not");
        if (keyword("between")) {
            Expr low = additive();
            if (!keyword("and")) {
                throw new ExprSyntaxException("expected 'and' in 'between … and …'", pos);
            }
            Expr high = additive();
            return new Expr.Between(left, low, high, negated, at);
        }
        if (keyword("in")) {
            expectChar('(');
            List<Expr> items = new ArrayList<>();
            do {
                items.add(additive());
            } while (acceptChar(','));
            expectChar(')');
            return new Expr.In(left, items, negated, at);
        }
        if (negated) {
            throw new ExprSyntaxException("expected 'between' or 'in' after 'not'", pos);
        }
        pos = save;
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            skipSpace();
            int at = pos;
            if (acceptChar('+')) {
                left = new Expr.Binary("+", left, multiplicative(), at);
            } else if (pos < src.length() && src.charAt(pos) == '-') {
                pos++;
                left = new Expr.Binary("-", left, multiplicative(), at);
            } else {
                return left;
            }
        }
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (true) {
            skipSpace();
            int at = pos;
            if (acceptChar('*')) {
                left = new Expr.Binary("*", left, unary(), at);
            } else if (acceptChar('/')) {
                left = new Expr.Binary("/", left, unary(), at);
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        int at = skipSpaceAndPos();
        if (acceptChar('-')) {
            return new Expr.Unary("-", unary(), at);
        }
        if (acceptChar('+')) {
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        int at = skipSpaceAndPos();
        if (pos >= src.length()) {
            throw new ExprSyntaxException("unexpected end of expression", pos);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            Expr e = or();
            expectChar(')');
            return e;
        }
        if (c == '\'') {
            return new Expr.Str(string(), at);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return new Expr.Num(number(), at);
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw new ExprSyntaxException("unclosed `", pos);
            }
            String name = src.substring(pos + 1, end);
            pos = end + 1;
            return new Expr.Name(name, at);
        }
        if (Character.isLetter(c) || c == '_') {
            String word = word();
            String lower = word.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true" -> {
                    return new Expr.Bool(true, at);
                }
                case "false" -> {
                    return new Expr.Bool(false, at);
                }
                case "null" -> {
                    return new Expr.Null(at);
                }
                case "and", "or", "not", "between", "in", "is" -> throw new ExprSyntaxException("unexpected '" + word + "'", at);
                default -> {
                }
            }
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '(') {
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!acceptChar(')')) {
                    do {
                        args.add(or());
                    } while (acceptChar(','));
                    expectChar(')');
                }
                return new Expr.Call(lower, args, at);
            }
            return new Expr.Name(word, at);
        }
        throw new ExprSyntaxException("unexpected '" + c + "'", pos);
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new ExprSyntaxException("unclosed string", start);
            }
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (pos < src.length() && src.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
    }

    private double number() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw new ExprSyntaxException("unexpected '" + src.charAt(pos) + "' after a number", pos);
        }
        try {
            double v = Double.parseDouble(src.substring(start, pos));
            if (!Double.isFinite(v)) {
                throw new ExprSyntaxException("number out of range", start);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ExprSyntaxException("bad number '" + src.substring(start, pos) + "'", start);
        }
    }

    private String word() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private boolean keyword(String kw) {
        skipSpace();
        int end = pos + kw.length();
        if (end <= src.length() && src.regionMatches(true, pos, kw, 0, kw.length())
                && (end == src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean acceptChar(char c) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectChar(char c) {
        if (!acceptChar(c)) {
            throw new ExprSyntaxException(pos < src.length() ? "expected '" + c + "' but found '" + peekToken() + "'"
                    : "expected '" + c + "' but the expression ended", pos);
        }
    }

    private String peekToken() {
        int end = pos;
        while (end < src.length() && end - pos < 12 && !Character.isWhitespace(src.charAt(end))) {
            end++;
        }
        return end == pos ? String.valueOf(src.charAt(pos)) : src.substring(pos, end);
    }

    private int skipSpaceAndPos() {
        skipSpace();
        return pos;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }
}
