package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The CSV scorecard: every input column, then score, risk, severity and is_anomaly. Text cells
 * that a spreadsheet would run as a formula are neutralised ({@link FormulaGuard}).
 */
public final class ScorecardExport {
    public static final String[] ADDED_COLUMNS = {"score", "risk", "severity", "is_anomaly"};

    private ScorecardExport() {
    }

    public static void write(Path target, ScoredData data, char delimiter) {
        AtomicFile.write(target, os -> {
            CsvWriter w = new CsvWriter(os, delimiter);
            writeHeader(w, data.frame());
            writeRows(w, data);
            w.flush();
        });
    }

    /** The header row: the input's columns, then {@link #ADDED_COLUMNS}. */
    public static void writeHeader(CsvWriter w, Frame frame) {
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
    }

    /** One row per scored record, as they are computed (a streamed input writes block after block). */
    public static void writeRows(CsvWriter w, ScoredData data) {
        Frame frame = data.frame();
        ScoredBatch s = data.scores();
        int cols = frame.columnCount();
        boolean[] text = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            text[c] = frame.column(c) instanceof Column.Categorical;
        }
        for (int r = 0; r < frame.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                String cell = frame.text(c, r);
                w.field(text[c] ? FormulaGuard.neutralise(cell) : cell, c == 0);
            }
            w.field(Double.toString(s.score()[r]), cols == 0);
            w.field(String.format(Locale.ROOT, "%.2f", s.risk()[r]), false);
            w.field(s.severity()[r].id(), false);
            w.field(Boolean.toString(s.isAnomaly()[r]), false);
            w.endRow();
        }
    }
}
