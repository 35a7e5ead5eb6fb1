package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CSV scorecard: every input column, then score, risk, severity, is_anomaly, and the row's
 * alert_id, entity and event_time (empty when unknown; see {@link EventColumns}), and for flagged
 * rows the kind of their strongest reason ({@link #topReason}); with a business mapping then
 * category, estimated_cost, currency, sla_minutes and recommended_action. Text cells that a
 * spreadsheet would run as a formula are neutralised ({@link FormulaGuard}).
 */
public final class ScorecardExport {
    public static final String[] ADDED_COLUMNS = {"score", "risk", "severity", "is_anomaly", "alert_id", "entity", "event_time", "top_reason"};
    /** Added after {@link #ADDED_COLUMNS} when the bundle has a business mapping. */
    public static final String[] BUSINESS_COLUMNS = {"category", "estimated_cost", "currency", "sla_minutes", "recommended_action"};

    private ScorecardExport() {
    }

    /**
     * What kind of odd a row is, in two words from its strongest reason: {@code high bytes_out},
     * {@code low hour}, {@code rare device_id} (a category); "" without a reason. Incidents use it
     * as the alert's step when there is no business category (docs/entities.md).
     */
    static String topReason(ScoredData data, int row) {
        Explainer.Strongest r = data.pipeline().strongest(data.frame(), row);
        if (r == null) {
            return "";
        }
        Column c = data.frame().column(r.feature());
        String kind = c instanceof Column.Categorical ? "rare" : r.deviation() < 0 ? "low" : "high";
        return kind + " " + r.feature();
    }

    public static void write(Path target, ScoredData data, char delimiter) {
        AtomicFile.write(target, os -> {
            Rows rows = new Rows(os, data, delimiter);
            rows.header(data.frame());
            rows.write(data, 0);
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

        /** Severity ids by ordinal, as bytes ({@link Severity#id} makes a new string each call). */
        private static final byte[][] SEVERITY = java.util.Arrays.stream(Severity.values())
                .map(v -> v.id().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
        private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

        private final CsvWriter w;
        private final Kind[] kinds;
        private final boolean business;
        private final String modelId;
        private AlertIds.Hasher ids;

        /** Rows shaped like {@code like}: its columns, and the business columns when its bundle maps. */
        public Rows(OutputStream out, ScoredData like, char delimiter) {
            this.w = new CsvWriter(out, delimiter);
            Frame frame = like.frame();
            int cols = frame.columnCount();
            kinds = new Kind[cols];
            for (int c = 0; c < cols; c++) {
                kinds[c] = switch (frame.column(c)) {
                    case Column.Numeric n -> frame.schema().field(c).type() == ColumnType.BOOLEAN ? Kind.BOOLEAN : Kind.NUMBER;
                    case Column.Categorical t -> Kind.TEXT;
                    default -> Kind.OTHER;
                };
            }
            business = like.pipeline().mapping().isPresent();
            modelId = ModelId.of(like.pipeline());
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

        /**
         * Every row of a scored {@code block} whose first row is the input's record
         * {@code firstRecord} (0 for data scored whole): the alert id follows the record.
         */
        public void write(ScoredData block, long firstRecord) {
            Frame frame = block.frame();
            ScoredBatch s = block.scores();
            int cols = kinds.length;
            double[][] numbers = new double[cols][];
            for (int c = 0; c < cols; c++) {
                if (kinds[c] == Kind.NUMBER || kinds[c] == Kind.BOOLEAN) {
                    numbers[c] = ((Column.Numeric) frame.column(c)).values();
                }
            }
            FrameMapper mapper = business ? block.mapper().orElseThrow() : null;
            EventColumns events = block.events();
            double[] score = s.score();
            double[] risk = s.risk();
            var severity = s.severity();
            boolean[] anomaly = s.isAnomaly();
            if (ids == null || !ids.isFor(block.source())) {
                ids = new AlertIds.Hasher(modelId, block.source());
            }
            boolean hasIds = !frame.schema().withRole(ColumnRole.ID).isEmpty();
            for (int r = 0; r < s.rows(); r++) {
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
                w.ascii(SEVERITY[severity[r].ordinal()], false);
                w.ascii(anomaly[r] ? TRUE : FALSE, false);
                int record = Math.toIntExact(firstRecord + r);
                String key = hasIds ? AlertIds.eventKey(RecordValues.id(frame, r)) : null;
                if (key == null) {
                    w.hex16(ids.rowKey(record), false);   // the row's id (AlertIds.of), without making its text
                } else {
                    w.field(AlertIds.ofEventKey(modelId, key), false);
                }
                String entity = events.entity(frame, r);
                w.field(entity == null ? "" : FormulaGuard.neutralise(entity), false);
                String time = events.eventTime(frame, r);
                w.field(time == null ? "" : time, false);
                w.field(anomaly[r] ? FormulaGuard.neutralise(topReason(block, r)) : "", false);
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
