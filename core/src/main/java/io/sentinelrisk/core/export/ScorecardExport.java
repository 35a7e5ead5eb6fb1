package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.io.OutputStream;
import java.nio.file.Path;

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
        AtomicFile.write(target, os -> {
            Rows rows = new Rows(os, data, delimiter);
            rows.header(data.frame());
            rows.write(data, 0, data.frame().rows());
            rows.flush();
        });
    }

    /**
     * Writes scorecard rows to a stream, a block at a time if need be: numbers straight from the
     * columns' arrays (as {@link Column.Numeric#text} shows them), score as the shortest decimal
     * that reads back as the same double, risk with two decimals, text cells through
     * {@link FormulaGuard}. Every block must have the columns of the data it was made for.
     */
    public static final class Rows {
        private enum Kind { NUMBER, BOOLEAN, TEXT, OTHER }

        /** Severity ids by ordinal ({@link Severity#id} makes a new string each call). */
        private static final String[] SEVERITY = java.util.Arrays.stream(Severity.values()).map(Severity::id).toArray(String[]::new);

        private final CsvWriter w;
        private final Kind[] kinds;
        private final boolean business;

        /** Rows shaped like {@code like}: its columns, and the business columns when its bundle maps. */
        public Rows(OutputStream out, ScoredData like, char delimiter) {
            this(out, like.frame(), like.pipeline().mapping().isPresent(), delimiter);
        }

        /** Rows with the columns of {@code frame}, and the business columns when {@code business}. */
        public Rows(OutputStream out, Frame frame, boolean business, char delimiter) {
            this.w = new CsvWriter(out, delimiter);
            int cols = frame.columnCount();
            kinds = new Kind[cols];
            for (int c = 0; c < cols; c++) {
                kinds[c] = switch (frame.column(c)) {
                    case Column.Numeric n -> frame.schema().field(c).type() == ColumnType.BOOLEAN ? Kind.BOOLEAN : Kind.NUMBER;
                    case Column.Categorical t -> Kind.TEXT;
                    default -> Kind.OTHER;
                };
            }
            this.business = business;
        }

        /** The header line: the frame's column names, then {@link #ADDED_COLUMNS} (and {@link #BUSINESS_COLUMNS}). */
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
            if (business) {
                for (String name : BUSINESS_COLUMNS) {
                    w.field(name, false);
                }
            }
            w.endRow();
        }

        /** Rows {@code from} (inclusive) to {@code to} (exclusive) of a scored {@code block}. */
        public void write(ScoredData block, int from, int to) {
            write(block.frame(), block.scores(), from, to, business ? block : null);
        }

        /** The same for rows without a business mapping (made with {@code business} false). */
        public void write(Frame frame, ScoredBatch s, int from, int to) {
            if (business) {
                throw new IllegalStateException("business columns need the scored data: write(ScoredData, from, to)");
            }
            write(frame, s, from, to, null);
        }

        private void write(Frame frame, ScoredBatch s, int from, int to, ScoredData block) {
            int cols = kinds.length;
            double[][] numbers = new double[cols][];
            for (int c = 0; c < cols; c++) {
                if (kinds[c] == Kind.NUMBER || kinds[c] == Kind.BOOLEAN) {
                    numbers[c] = ((Column.Numeric) frame.column(c)).values();
                }
            }
            FrameMapper mapper = block == null ? null : block.mapper().orElseThrow();
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
                        case TEXT -> w.field(FormulaGuard.neutralise(frame.column(c).text(r)), c == 0);
                        case OTHER -> w.field(frame.text(c, r), c == 0);
                    }
                }
                w.shortest(score[r], cols == 0);
                w.fixed2(risk[r], false);
                w.field(SEVERITY[severity[r].ordinal()], false);
                w.field(anomaly[r] ? "true" : "false", false);
                if (mapper != null) {
                    Business b = block.business(mapper, r, false);
                    w.field(FormulaGuard.neutralise(b.category()), false);
                    w.field(b.estimatedCost() == null ? "" : cost(b.estimatedCost()), false);
                    w.field(b.currency(), false);
                    w.field(b.slaMinutes() == null ? "" : b.slaMinutes().toString(), false);
                    w.field(FormulaGuard.neutralise(b.recommendedAction()), false);
                }
                w.endRow();
            }
        }

        public void flush() {
            w.flush();
        }
    }

    /** Whole amounts without a fraction (the common case), others as Java writes doubles. */
    private static String cost(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
