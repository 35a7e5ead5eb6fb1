package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.explain.Reason;

import java.util.List;
import java.util.function.Supplier;

/**
 * A compiled mapping attached to the rows of one frame: what each row means to the business.
 * Thread-safe (reads the frame only).
 */
public final class FrameMapper {
    private final CompiledMapping mapping;
    private final Column[] columns;

    FrameMapper(CompiledMapping mapping, Column[] columns) {
        this.mapping = mapping;
        this.columns = columns;
    }

    /**
     * Row {@code row}'s business fields with its narrative.
     *
     * @param reasons the row's reasons, strongest first; asked for only when the mapping reads them
     */
    public Business business(int row, ScoreFacts facts, Supplier<List<Reason>> reasons) {
        RecordView r = new RecordView(columns, row, facts, reasons);
        int category = mapping.match(r);
        Business b = mapping.brief(category, facts.severity());
        String line = BusinessLine.of(mapping.narrative(category, r), b);
        return new Business(b.category(), b.riskLevel(), b.estimatedCost(), b.currency(), b.slaMinutes(),
                b.recommendedAction(), b.escalation(), line);
    }

    /**
     * Row {@code row}'s business fields without the narrative (null), for the scorecard and the
     * report's totals: shared objects, nothing is formatted.
     */
    public Business brief(int row, ScoreFacts facts, Supplier<List<Reason>> reasons) {
        RecordView r = new RecordView(columns, row, facts, reasons);
        return mapping.brief(mapping.match(r), facts.severity());
    }
}
