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
        private static final byte[][] SEVERITY = severityIds();
        private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
        private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
        private static final byte[] EMPTY = {};

        /** A loop, not a stream: no lambda to link at the first scorecard. */
        private static byte[][] severityIds() {
            Severity[] all = Severity.values();
            byte[][] ids = new byte[all.length][];
            for (int i = 0; i < all.length; i++) {
                ids[i] = all[i].id().getBytes(StandardCharsets.US_ASCII);
            }
            return ids;
        }

        /** Kind ordinals as ints, compared per cell (an enum switch costs a lookup table under the quick compiler). */
        private static final int NUMBER = 0;
        private static final int BOOLEAN = 1;
        private static final int TEXT = 2;
        /** Room for one cell written into the buffer directly, its delimiter included ({@link CsvWriter#FIXED2_ROOM} the largest). */
        private static final int CELL = CsvWriter.FIXED2_ROOM + 16;

        /** Categorical columns with more labels are written cell by cell (a block's cache would outweigh it). */
        private static final int MAX_DICTIONARY = 1 << 16;
        /** Numeric columns written by one call: their room, (NUMBER_ROOM + 1) each, within a {@link #CELL}. */
        private static final int MAX_RUN = 8;
        /** Encoded labels up to this long are copied (room for them is left with the cell's). */
        private static final int SHORT_TEXT = 256;

        private final CsvWriter w;
        private final char delimiterChar;
        private CsvWriter scratch;
        private java.io.ByteArrayOutputStream scratchOut;
        /** The delimiter when it is one byte (ASCII), else 0 and {@link #delimiterBytes}. */
        private final byte delimiter;
        private final byte[] delimiterBytes;
        private final Kind[] kinds;
        /**
         * For a numeric column, the end of the run of numeric columns it starts (at most
         * {@link #MAX_RUN} long), written by one call; each column alone with a delimiter of
         * several bytes.
         */
        private final int[] runEnd;
        private final boolean business;
        private final String modelId;
        private AlertIds.Hasher ids;
        /** The current block's column of each explainer baseline, and its top_reason cells by {@link Explainer#strongestCode}. */
        private Column[] reasonColumns;
        private byte[][] reasonCells;

        /** Rows shaped like {@code like}: its columns, and the business columns when its bundle maps. */
        public Rows(OutputStream out, ScoredData like, char delimiter) {
            this.w = new CsvWriter(out, delimiter);
            this.delimiterChar = delimiter;
            this.delimiterBytes = w.delimiterBytes();
            this.delimiter = delimiterBytes.length == 1 ? delimiterBytes[0] : 0;
            Frame frame = like.frame();
            int cols = frame.columnCount();
            kinds = new Kind[cols];
            // instanceof, not a pattern switch, whose call site is linked by generating a class
            for (int c = 0; c < cols; c++) {
                Column column = frame.column(c);
                kinds[c] = column instanceof Column.Numeric
                        ? frame.schema().field(c).type() == ColumnType.BOOLEAN ? Kind.BOOLEAN : Kind.NUMBER
                        : column instanceof Column.Categorical ? Kind.TEXT : Kind.OTHER;
            }
            business = like.pipeline().mapping().isPresent();
            modelId = ModelId.of(like.pipeline());
            runEnd = new int[cols];
            for (int c = cols - 1; c >= 0; c--) {
                boolean joins = this.delimiter != 0 && c + 1 < cols && kinds[c + 1] == Kind.NUMBER
                        && runEnd[c + 1] - c <= MAX_RUN;
                runEnd[c] = joins ? runEnd[c + 1] : c + 1;
            }
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
         *
         * <p>Numbers, flags, score, risk, severity and row ids go straight into the writer's
         * buffer with a local index, a row in one pass: batch commands run this as the quick
         * compiler's code, which pays for every call, field write and enum switch per cell. Text
         * cells go through {@link CsvWriter#field} (quoting, UTF-8).
         */
        public void write(ScoredData block, long firstRecord) {
            Frame frame = block.frame();
            ScoredBatch s = block.scores();
            int cols = kinds.length;
            byte[] code = new byte[cols];
            double[][] numbers = new double[cols][];
            int[][] labels = new int[cols][];
            byte[][][] cells = new byte[cols][][];
            for (int c = 0; c < cols; c++) {
                code[c] = (byte) kinds[c].ordinal();
                if (kinds[c] == Kind.NUMBER || kinds[c] == Kind.BOOLEAN) {
                    numbers[c] = ((Column.Numeric) frame.column(c)).values();
                } else if (frame.column(c) instanceof Column.Categorical t && t.dictionary().size() <= MAX_DICTIONARY
                        && t.codes().length >= s.rows()) {
                    labels[c] = t.codes();
                    cells[c] = new byte[t.dictionary().size()][];
                }
            }
            FrameMapper mapper = business ? block.mapper().orElseThrow() : null;
            EventColumns events = block.events();
            boolean entities = !events.entityColumns().isEmpty();
            boolean times = events.timeColumn() != null;
            double[] score = s.score();
            double[] risk = s.risk();
            var severity = s.severity();
            boolean[] anomaly = s.isAnomaly();
            int rows = s.rows();
            if (score.length < rows || risk.length < rows || severity.length < rows || anomaly.length < rows) {
                throw new IllegalArgumentException("a block's scores are shorter than its " + rows + " rows");
            }
            for (int c = 0; c < cols; c++) {
                if (numbers[c] != null && numbers[c].length < rows) {
                    throw new IllegalArgumentException("column " + c + " is shorter than the block's " + rows + " rows");
                }
            }
            if (ids == null || !ids.isFor(block.source())) {
                ids = new AlertIds.Hasher(modelId, block.source());
            }
            boolean hasIds = !frame.schema().withRole(ColumnRole.ID).isEmpty();
            // without entity, time and business cells, a flagged row's top_reason is a cached cell
            boolean plain = !entities && !times && mapper == null;
            Explainer explainer = block.pipeline().explainer();
            reasonColumns = null;   // this block's columns, looked up at its first flagged row
            byte[] b = w.buffer();
            // every cell written here, delimiter included, fits in CELL bytes: one check per cell
            int limit = b.length - CELL;
            byte d = delimiter;
            int p = w.reserve(CELL);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (p > limit) {
                        p = refill(p);
                    }
                    if (c > 0) {
                        p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                    }
                    int k = code[c];
                    if (k == NUMBER) {
                        int end = runEnd[c];
                        p = CsvWriter.putNumbers(numbers, c, end, r, d, b, p);
                        c = end - 1;
                    } else if (k == BOOLEAN) {
                        double v = numbers[c][r];
                        if (v == v) {
                            p = put(v != 0 ? TRUE : FALSE, b, p);
                        }
                    } else if (labels[c] != null) {
                        int label = labels[c][r];
                        if (label >= 0) {   // a missing label is an empty cell
                            byte[] cell = cells[c][label];
                            if (cell == null) {
                                cell = encoded(((Column.Categorical) frame.column(c)).dictionary().get(label));
                                cells[c][label] = cell;
                            }
                            if (cell.length <= SHORT_TEXT) {
                                p = put(cell, b, p);
                            } else {
                                w.advance(p);
                                w.field(FormulaGuard.neutralise(frame.column(c).text(r)), true);
                                p = w.reserve(CELL);
                            }
                        }
                    } else {
                        w.advance(p);
                        String text = k == TEXT ? FormulaGuard.neutralise(frame.column(c).text(r)) : frame.text(c, r);
                        w.field(text, true);
                        p = w.reserve(CELL);
                    }
                }
                if (p > limit) {
                    p = refill(p);
                }
                if (cols > 0) {
                    p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                }
                p = CsvWriter.putDouble(score[r], b, p);
                p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                if (p > limit) {
                    p = refill(p);
                }
                p = CsvWriter.putFixed2(risk[r], b, p);
                p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                if (p > limit) {
                    p = refill(p);
                }
                p = put(SEVERITY[severity[r].ordinal()], b, p);
                p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                p = put(anomaly[r] ? TRUE : FALSE, b, p);
                p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                int record = Math.toIntExact(firstRecord + r);
                String key = hasIds ? AlertIds.eventKey(RecordValues.id(frame, r)) : null;
                if (key == null) {
                    p = CsvWriter.putHex16(ids.rowKey(record), b, p);   // the row's id (AlertIds.of), without making its text
                } else {
                    w.advance(p);
                    w.field(AlertIds.ofEventKey(modelId, key), true);
                    p = w.reserve(CELL);
                }
                byte[] reason = plain && anomaly[r] ? reasonCell(explainer, frame, r) : EMPTY;
                if (!plain || reason.length > SHORT_TEXT) {
                    w.advance(p);
                    String entity = entities ? events.entity(frame, r) : null;
                    w.field(entity == null ? "" : FormulaGuard.neutralise(entity), false);
                    String time = times ? events.eventTime(frame, r) : null;
                    w.field(time == null ? "" : time, false);
                    w.field(anomaly[r] ? FormulaGuard.neutralise(topReason(block, r)) : "", false);
                    if (mapper != null) {
                        Business bz = block.business(mapper, r, false);
                        w.field(FormulaGuard.neutralise(bz.category()), false);
                        w.field(bz.estimatedCost() == null ? "" : cost(bz.estimatedCost()), false);
                        w.field(bz.currency(), false);
                        w.field(bz.slaMinutes() == null ? "" : bz.slaMinutes().toString(), false);
                        w.field(FormulaGuard.neutralise(bz.recommendedAction()), false);
                    }
                    w.endRow();
                    p = w.reserve(CELL);
                } else {
                    // entity and event_time empty, top_reason from the block's cache (or empty)
                    if (p > limit) {
                        p = refill(p);
                    }
                    p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                    p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                    p = d != 0 ? put(d, b, p) : put(delimiterBytes, b, p);
                    p = put(reason, b, p);
                    b[p++] = '\n';
                }
            }
            w.advance(p);
        }

        /**
         * Row {@code r}'s top_reason cell as {@link #topReason} and {@link CsvWriter#field} give it
         * (guarded, quoted, UTF-8), from {@link Explainer#strongestCode}: the text of each
         * (feature, direction) is encoded once per block, and no column is looked up by name per
         * flagged row.
         */
        private byte[] reasonCell(Explainer explainer, Frame frame, int r) {
            if (reasonColumns == null) {
                reasonColumns = explainer.columnsOf(frame);
                reasonCells = new byte[2 * reasonColumns.length][];
            }
            int code = explainer.strongestCode(reasonColumns, r);
            if (code < 0) {
                return EMPTY;
            }
            byte[] cell = reasonCells[code];
            if (cell == null) {
                int i = code >> 1;
                String kind = reasonColumns[i] instanceof Column.Categorical ? "rare" : (code & 1) == 1 ? "low" : "high";
                cell = encoded(kind + " " + explainer.feature(i));
                reasonCells[code] = cell;
            }
            return cell;
        }

        /**
         * A label's cell as {@link CsvWriter#field} writes it (formula-guarded, quoted, UTF-8): each
         * label of a categorical column is encoded once per block, not once per row.
         */
        private byte[] encoded(String label) {
            if (scratch == null) {
                scratchOut = new java.io.ByteArrayOutputStream();
                scratch = new CsvWriter(scratchOut, delimiterChar);
            }
            scratchOut.reset();
            scratch.field(FormulaGuard.neutralise(label), true);
            scratch.flush();
            return scratchOut.toByteArray();
        }

        /** Hands the writer what was written up to {@code p} and returns where to go on (room for a cell). */
        private int refill(int p) {
            w.advance(p);
            return w.reserve(CELL);   // writes the buffer out: less than CELL is left
        }

        private static int put(byte x, byte[] b, int p) {
            b[p] = x;
            return p + 1;
        }

        private static int put(byte[] x, byte[] b, int p) {
            System.arraycopy(x, 0, b, p, x.length);
            return p + x.length;
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
