package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CSV scorecard: every input column, then score, risk, severity, is_anomaly, and the row's
 * alert_id, entity and event_time (empty when unknown; see {@link EventColumns}), and for flagged
 * rows the kind of their strongest reason ({@link #topReason}). Text cells that a
 * spreadsheet would run as a formula are neutralised ({@link FormulaGuard}).
 */
public final class ScorecardExport {
    public static final String[] ADDED_COLUMNS = {"score", "risk", "severity", "is_anomaly", "alert_id", "entity", "event_time", "top_reason"};

    private ScorecardExport() {
    }

    /**
     * What kind of odd a row is, in two words from its strongest reason: {@code high bytes_out},
     * {@code low hour}, {@code rare device_id} (a category); "" without a reason. Incidents use it
     * as the alert's step when there is no business category (docs/entities.md).
     */
    static String topReason(ScoredData data, int row) {
        List<Reason> reasons = data.pipeline().explain(data.frame(), row, 1);
        if (reasons.isEmpty()) {
            return "";
        }
        Reason r = reasons.get(0);
        Column c = data.frame().column(r.feature());
        String kind = c instanceof Column.Categorical ? "rare" : r.deviation() < 0 ? "low" : "high";
        return kind + " " + r.feature();
    }

    public static void write(Path target, ScoredData data, char delimiter) {
        Frame frame = data.frame();
        ScoredBatch s = data.scores();
        int cols = frame.columnCount();
        boolean[] text = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            text[c] = frame.column(c) instanceof Column.Categorical;
        }
        String modelId = ModelId.of(data.pipeline());
        EventColumns events = data.events();
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
                w.field(AlertIds.of(modelId, data.source(), r, RecordValues.id(frame, r)), false);
                String entity = events.entity(frame, r);
                w.field(entity == null ? "" : FormulaGuard.neutralise(entity), false);
                String time = events.eventTime(frame, r);
                w.field(time == null ? "" : time, false);
                w.field(s.isAnomaly()[r] ? FormulaGuard.neutralise(topReason(data, r)) : "", false);
                w.endRow();
            }
            w.flush();
        });
    }
}
