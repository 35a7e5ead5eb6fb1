package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The CSV scorecard: every input column, then score, risk, severity and is_anomaly. Text cells
 * that a spreadsheet would run as a formula are neutralised ({@link FormulaGuard}).
 */
public final class ScorecardExport {
    public static final String[] ADDED_COLUMNS = {"score", "risk", "severity", "is_anomaly"};

    private ScorecardExport() {
    }

    public static void write(Path target, ScoredData data, char delimiter) {
        Frame frame = data.frame();
        AtomicFile.write(target, os -> {
            Rows rows = new Rows(os, frame, delimiter);
            rows.header(frame);
            rows.write(frame, data.scores(), 0, frame.rows());
            rows.flush();
        });
    }

    /**
     * Writes scorecard rows to a stream, a block at a time if need be: numbers straight from the
     * columns' arrays (as {@link Column.Numeric#text} shows them), score as the shortest decimal
     * that reads back as the same double, risk with two decimals, text cells through
     * {@link FormulaGuard}. Every block must have the columns of the frame it was made for.
     */
    public static final class Rows {
        private enum Kind { NUMBER, BOOLEAN, TEXT, OTHER }

        /** Severity ids by ordinal ({@link Severity#id} makes a new string each call). */
        private static final String[] SEVERITY = java.util.Arrays.stream(Severity.values()).map(Severity::id).toArray(String[]::new);

        private final CsvWriter w;
        private final Kind[] kinds;

        public Rows(OutputStream out, Frame like, char delimiter) {
            this.w = new CsvWriter(out, delimiter);
            int cols = like.columnCount();
            kinds = new Kind[cols];
            for (int c = 0; c < cols; c++) {
                Column col = like.column(c);
                kinds[c] = switch (col) {
                    case Column.Numeric n -> like.schema().field(c).type() == ColumnType.BOOLEAN ? Kind.BOOLEAN : Kind.NUMBER;
                    case Column.Categorical t -> Kind.TEXT;
                    default -> Kind.OTHER;
                };
            }
        }

        /** The header line: the frame's column names, then {@link #ADDED_COLUMNS}. */
        public void header(Frame frame) {
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

        /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code block} and their scores. */
        public void write(Frame block, ScoredBatch s, int from, int to) {
            int cols = kinds.length;
            double[][] numbers = new double[cols][];
            for (int c = 0; c < cols; c++) {
                if (kinds[c] == Kind.NUMBER || kinds[c] == Kind.BOOLEAN) {
                    numbers[c] = ((Column.Numeric) block.column(c)).values();
                }
            }
            double[] score = s.score();
            double[] risk = s.risk();
            var severity = s.severity();
            boolean[] anomaly = s.isAnomaly();
            for (int r = from; r < to; r++) {
                for (int c = 0; c < cols; c++) {
                    switch (kinds[c]) {
                        case NUMBER -> w.number(numbers[c][r], c == 0);
                        case BOOLEAN -> {
                            double v = numbers[c][r];
                            w.field(Double.isNaN(v) ? "" : v != 0 ? "true" : "false", c == 0);
                        }
                        case TEXT -> w.field(FormulaGuard.neutralise(block.column(c).text(r)), c == 0);
                        case OTHER -> w.field(block.text(c, r), c == 0);
                    }
                }
                w.shortest(score[r], cols == 0);
                w.fixed2(risk[r], false);
                w.field(SEVERITY[severity[r].ordinal()], false);
                w.field(anomaly[r] ? "true" : "false", false);
                w.endRow();
            }
        }

        public void flush() {
            w.flush();
        }
    }
}
