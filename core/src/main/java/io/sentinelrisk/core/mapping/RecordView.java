package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.explain.Reason;

import java.util.List;
import java.util.function.Supplier;

/**
 * One record as a mapping reads it: its columns (by the slots a {@link CompiledMapping} gave the
 * names it reads), its scores, and its reasons, asked for only when a condition or narrative
 * reads them (explaining costs more than matching).
 */
final class RecordView {
    private final Column[] columns;
    private final int row;
    private final ScoreFacts facts;
    private final Supplier<List<Reason>> reasonSource;
    private List<Reason> reasons;

    RecordView(Column[] columns, int row, ScoreFacts facts, Supplier<List<Reason>> reasonSource) {
        this.columns = columns;
        this.row = row;
        this.facts = facts;
        this.reasonSource = reasonSource;
    }

    /** A numeric, boolean (0/1) or timestamp (epoch ms) column's value; NaN when missing or absent. */
    double number(int slot) {
        return switch (columns[slot]) {
            case null -> Double.NaN;
            case Column.Numeric n -> n.values()[row];
            case Column.Timestamp t -> t.isMissing(row) ? Double.NaN : t.epochMillis()[row];
            case Column.Categorical c -> Double.NaN;
        };
    }

    /** A column's value as text; null when missing or absent. */
    String text(int slot) {
        Column c = columns[slot];
        return c == null || c.isMissing(row) ? null : c.text(row);
    }

    ScoreFacts facts() {
        return facts;
    }

    List<Reason> reasons() {
        if (reasons == null) {
            reasons = reasonSource.get();
        }
        return reasons;
    }
}
