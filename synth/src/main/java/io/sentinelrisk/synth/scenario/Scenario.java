package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.error.InputLocation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One adversarial scenario: which rows it picks, whether it changes them in place or adds new
 * rows after them, the operations applied, and its business rule.
 *
 * @param count    rows to pick (null when {@code fraction} is given)
 * @param fraction share of the input's rows to pick (null when {@code count} is given)
 * @param where    conditions a row must meet to be picked (all of them)
 * @param mode     {@link Mode#MODIFY} changes the picked rows; {@link Mode#ADD} adds rows after each
 * @param copies   for ADD: rows added per picked row
 * @param spread   for ADD: how the added rows are placed in time after the picked row (null: same time)
 */
public record Scenario(String name, String description, Integer count, Double fraction, List<Condition> where,
                       Mode mode, Range copies, Spread spread, List<Operation> operations, Business business,
                       InputLocation location) {
    public Scenario {
        where = List.copyOf(where);
        operations = List.copyOf(operations);
    }

    public enum Mode {
        MODIFY, ADD
    }

    /**
     * A row matches when its value is one of {@code in} (compared as text, or as numbers for a
     * numeric column) and lies within [min, max] where given.
     */
    public record Condition(String column, List<String> in, Double min, Double max) {
        public Condition {
            in = in == null ? List.of() : List.copyOf(in);
        }
    }

    /** Added rows are placed {@code seconds} after the picked row in {@code column}, in order. */
    public record Spread(String column, Range seconds) {
    }

    /** Every column the scenario cannot run without. */
    public List<String> requiredColumns() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Condition c : where) {
            out.add(c.column());
        }
        if (spread != null) {
            out.add(spread.column());
        }
        for (Operation op : operations) {
            if (!op.ifPresent()) {
                out.addAll(op.columns());
            }
        }
        return new ArrayList<>(out);
    }
}
