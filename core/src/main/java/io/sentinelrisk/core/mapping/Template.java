package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.util.Decimals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A narrative with placeholders: {@code "{failed_attempts} failed logins against {user}"}. A
 * placeholder names a column of the model or a scoring result ({@link Slots}); {@code {{} and
 * {@code }}} write a brace. A value the record does not have is written {@value #MISSING}.
 */
final class Template {
    /** How a placeholder whose value is missing is written. */
    static final String MISSING = "unknown";

    private final String text;
    private final InputLocation at;

    Template(String text, InputLocation at) {
        this.text = text;
        this.at = at;
    }

    String text() {
        return text;
    }

    /** The names between braces, in order (no check). */
    List<String> placeholders() {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                i += 2;
            } else if (c == '{' && text.indexOf('}', i + 1) > 0) {
                int end = text.indexOf('}', i + 1);
                out.add(text.substring(i + 1, end).strip());
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The template compiled against a model's names; an unknown placeholder is a located error. */
    Function<RecordView, String> compile(Slots slots, String what, String category) {
        List<Function<RecordView, String>> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
                continue;
            }
            if (c == '}') {
                throw ConditionCompiler.error(at, what, text, i, "'}' without '{' (write '}}' for a brace)");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i + 1);
            if (end < 0) {
                throw ConditionCompiler.error(at, what, text, i, "'{' without '}' (write '{{' for a brace)");
            }
            String name = text.substring(i + 1, end).strip();
            if (!literal.isEmpty()) {
                String s = literal.toString();
                parts.add(r -> s);
                literal.setLength(0);
            }
            parts.add(placeholder(name, slots, what, i, category));
            i = end + 1;
        }
        if (!literal.isEmpty()) {
            String s = literal.toString();
            parts.add(r -> s);
        }
        return r -> {
            StringBuilder sb = new StringBuilder();
            for (Function<RecordView, String> p : parts) {
                sb.append(p.apply(r));
            }
            return sb.toString();
        };
    }

    private Function<RecordView, String> placeholder(String name, Slots slots, String what, int pos, String category) {
        switch (name) {
            case "score" -> {
                return r -> String.format(Locale.ROOT, "%.4g", r.facts().score());
            }
            case "risk" -> {
                return r -> Decimals.oneDecimal(r.facts().risk());
            }
            case "severity" -> {
                return r -> r.facts().severity().id();
            }
            case "is_anomaly" -> {
                return r -> Boolean.toString(r.facts().isAnomaly());
            }
            case "class" -> {
                return r -> orMissing(r.facts().predictedClass());
            }
            case "top_feature" -> {
                return r -> r.reasons().isEmpty() ? MISSING : r.reasons().get(0).feature();
            }
            case "top_deviation" -> {
                return r -> r.reasons().isEmpty() ? MISSING : Decimals.signedOneDecimal(r.reasons().get(0).deviation());
            }
            case "top_reason" -> {
                return r -> r.reasons().isEmpty() ? MISSING : r.reasons().get(0).narrative();
            }
            case "reasons" -> {
                return r -> Explainer.narrative(r.reasons());
            }
            case "category" -> {
                return r -> category;
            }
            default -> {
            }
        }
        ColumnType type = slots.type(name);
        if (type == null) {
            throw ConditionCompiler.error(at, what, text, pos, "placeholder {" + name + "} names no column",
                    "expected one of " + slots.valid(true));
        }
        int slot = slots.slot(name);
        return switch (type) {
            case NUMERIC -> r -> number(r.number(slot));
            case BOOLEAN -> r -> {
                double v = r.number(slot);
                return Double.isNaN(v) ? MISSING : v != 0 ? "true" : "false";
            };
            case TIMESTAMP -> r -> {
                double v = r.number(slot);
                return Double.isNaN(v) ? MISSING : Instant.ofEpochMilli((long) v).toString();
            };
            case CATEGORICAL -> r -> orMissing(r.text(slot));
        };
    }

    private static String orMissing(String s) {
        return s == null || s.isEmpty() ? MISSING : s;
    }

    /** Whole numbers without a fraction, others with up to two decimals; missing as {@value #MISSING}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

}
