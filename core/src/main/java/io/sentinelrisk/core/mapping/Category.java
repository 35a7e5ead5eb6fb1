package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.expr.Expr;

import java.util.List;

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
 * @param at                where the category was written
 * @param whenAt            where its condition was written, or null
 */
record Category(String name, String when, Expr condition, String predictedClass, RiskLevel riskLevel, Double estimatedCost,
                String currency, Integer slaMinutes, String recommendedAction, List<String> escalation, Template narrative,
                InputLocation at, InputLocation whenAt) {
    Category {
        escalation = List.copyOf(escalation);
    }
}
