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
 * @param when              the condition, as alternatives: the first whose columns the model has is
 *                          used (a pack can prefer a feature pack's columns and fall back to raw ones);
 *                          empty with {@code predictedClass} alone
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
 */
record Category(String name, List<When> when, String predictedClass, RiskLevel riskLevel, Double estimatedCost,
                String currency, Integer slaMinutes, String recommendedAction, List<String> escalation, Template narrative,
                boolean ifPresent, InputLocation at) {
    Category {
        when = List.copyOf(when);
        escalation = List.copyOf(escalation);
    }

    /** One alternative of {@code when}: its text, parsed, and where it was written. */
    record When(String text, Expr expr, InputLocation at) {
        /** The names it reads. */
        Set<String> names() {
            Set<String> out = new LinkedHashSet<>();
            Category.names(expr, out);
            return out;
        }
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
