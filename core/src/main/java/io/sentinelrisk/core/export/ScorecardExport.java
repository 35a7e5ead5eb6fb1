package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The CSV scorecard: every input column, then score, risk, severity and is_anomaly, and with a
 * business mapping category, estimated_cost, currency, sla_minutes and recommended_action. Text cells
 * that a spreadsheet would run as a formula are neutralised ({@link FormulaGuard}).
 */
public final class ScorecardExport {
    public static final String[] ADDED_COLUMNS = {"score", "risk", "severity", "is_anomaly"};
    /** Added after {@link #ADDED_COLUMNS} when the bundle has a business mapping. */
    public static final String[] BUSINESS_COLUMNS = {"category", "estimated_cost", "currency", "sla_minutes", "recommended_action"};

    private ScorecardExport() {
    }

    public static void write(Path target, ScoredData data, char delimiter) {
        Frame frame = data.frame();
        ScoredBatch s = data.scores();
        int cols = frame.columnCount();
        boolean[] text = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            text[c] = frame.column(c) instanceof Column.Categorical;
        }
        FrameMapper mapper = data.mapper().orElse(null);
        AtomicFile.write(target, os -> {
            CsvWriter w = new CsvWriter(os, delimiter);
            boolean first = true;
            for (String name : frame.schema().names()) {
                w.field(FormulaGuard.neutralise(name), first);
                first = false;
            }
            for (String name : ADDED_COLUMNS) {
                w.field(name, first);
                first = false;
            }
            if (mapper != null) {
                for (String name : BUSINESS_COLUMNS) {
                    w.field(name, false);
                }
            }
            w.endRow();
            for (int r = 0; r < frame.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    String cell = frame.text(c, r);
                    w.field(text[c] ? FormulaGuard.neutralise(cell) : cell, c == 0);
                }
                w.field(Double.toString(s.score()[r]), cols == 0);
                w.field(String.format(Locale.ROOT, "%.2f", s.risk()[r]), false);
                w.field(s.severity()[r].id(), false);
                w.field(Boolean.toString(s.isAnomaly()[r]), false);
                if (mapper != null) {
                    Business b = data.business(mapper, r, false);
                    w.field(FormulaGuard.neutralise(b.category()), false);
                    w.field(b.estimatedCost() == null ? "" : cost(b.estimatedCost()), false);
                    w.field(b.currency(), false);
                    w.field(b.slaMinutes() == null ? "" : b.slaMinutes().toString(), false);
                    w.field(FormulaGuard.neutralise(b.recommendedAction()), false);
                }
                w.endRow();
            }
            w.flush();
        });
    }

    /** Whole amounts without a fraction (the common case), others as Java writes doubles. */
    private static String cost(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
