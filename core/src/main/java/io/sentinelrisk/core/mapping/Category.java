package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.expr.Expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One category of a mapping file, as written. A record belongs to it when its condition is true
 * and, with {@code predictedClass}, the judge predicted that class (either may be absent, not both).
 *
 * @param name              the category's name (unique in the file)
 * @param when              the condition's text, or null
 * @param condition         the parsed condition, or null
 * @param predictedClass    the judge class it stands for, or null
 * @param riskLevel         low/medium/high/critical, or null: the record's severity
 * @param estimatedCost     per alert, or null when unknown
 * @param currency          ISO 4217 code of the cost
 * @param slaMinutes        time to respond, or null: the generic SLA of the record's severity
 * @param recommendedAction what to do first
 * @param escalation        who is told, in order
 * @param narrative         the narrative template
 * @param ifPresent         left out (not an error) when the model lacks a column it reads: for packs
 *                          whose categories read the columns of a feature pack
 * @param at                where the category was written
 * @param whenAt            where its condition was written, or null
 */
record Category(String name, String when, Expr condition, String predictedClass, RiskLevel riskLevel, Double estimatedCost,
                String currency, Integer slaMinutes, String recommendedAction, List<String> escalation, Template narrative,
                boolean ifPresent, InputLocation at, InputLocation whenAt) {
    Category {
        escalation = List.copyOf(escalation);
    }

    /** The names its condition and narrative read, in order of appearance. */
    Set<String> namesRead() {
        Set<String> out = new LinkedHashSet<>();
        if (condition != null) {
            names(condition, out);
        }
        out.addAll(narrative.placeholders());
        return out;
    }

    private static void names(Expr e, Set<String> out) {
        switch (e) {
            case Expr.Name n -> out.add(n.name());
            case Expr.Unary u -> names(u.operand(), out);
            case Expr.Binary b -> {
                names(b.left(), out);
                names(b.right(), out);
            }
            case Expr.Between b -> {
                names(b.value(), out);
                names(b.low(), out);
                names(b.high(), out);
            }
            case Expr.In in -> {
                names(in.value(), out);
                in.items().forEach(i -> names(i, out));
            }
            case Expr.IsNull n -> names(n.value(), out);
            case Expr.Call c -> {
                c.args().forEach(a -> names(a, out));
                if (c.function().equals("has_reason") && c.args().size() == 1 && c.args().get(0) instanceof Expr.Str s) {
                    out.add(s.value());
                }
            }
            case Expr.Num n -> {
            }
            case Expr.Str s -> {
            }
            case Expr.Bool b -> {
            }
            case Expr.Null n -> {
            }
        }
    }
}
