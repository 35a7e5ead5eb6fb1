package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * Fitted preparation: turns the feature columns of a frame into the dense matrix detectors read
 * (impute, encode, then scale each feature by {@code (x - center) / scale}). Everything it uses
 * was learned at train time; immutable. Fitted by {@link PreparationTrainer}.
 */
public final class Preparation {
    private final List<ColumnPrep> columns;
    private final double[] center;
    private final double[] scale;
    private final List<String> featureNames;

    public Preparation(List<ColumnPrep> columns, double[] center, double[] scale) {
        this.columns = List.copyOf(columns);
        List<String> names = new ArrayList<>();
        for (ColumnPrep c : this.columns) {
            names.addAll(c.outputNames());
        }
        if (center.length != names.size() || scale.length != names.size()) {
            throw new IllegalArgumentException("scaling for " + center.length + " features, encoders make " + names.size());
        }
        this.featureNames = List.copyOf(names);
        this.center = center.clone();
        this.scale = scale.clone();
    }

    public List<ColumnPrep> columns() {
        return columns;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int featureCount() {
        return featureNames.size();
    }

    public double[] center() {
        return center.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    /** Prepares every row of {@code frame}, which must hold every input column by name. */
    public Matrix transform(Frame frame) {
        return transform(frame, new double[Math.multiplyExact(frame.rows(), featureCount())]);
    }

    /**
     * {@link #transform}, the numeric columns' rows split among up to {@code threads} threads
     * (each value is computed as on one thread; the other encoders then run on this one).
     */
    public Matrix transform(Frame frame, int threads) {
        double[] out = new double[Math.multiplyExact(frame.rows(), featureCount())];
        if (threads <= 1) {
            return transform(frame, out);
        }
        int d = featureCount();
        Column[] input = new Column[columns.size()];
        int[] offsets = new int[columns.size()];
        for (int p = 0, offset = 0; p < columns.size(); p++) {
            input[p] = frame.column(columns.get(p).column());
            if (input[p] == null) {
                throw new InputException("input has no column '" + columns.get(p).column() + "'");
            }
            offsets[p] = offset;
            offset += columns.get(p).outputNames().size();
        }
        // Rows, not columns, split: the threads write whole rows of the row-major matrix, not
        // neighbouring values of the same cache lines.
        Parallel.forRange(frame.rows(), threads, 4096, (from, to) -> {
            for (int p = 0; p < input.length; p++) {
                if (columns.get(p) instanceof ColumnPrep.Numeric numeric && input[p] instanceof Column.Numeric values) {
                    int j = offsets[p];
                    scaledNumbers(values.values(), from, to, numeric.fill(), center[j], scale[j], out, d, j);
                }
            }
        });
        for (int p = 0; p < input.length; p++) {
            ColumnPrep prep = columns.get(p);
            if (!(prep instanceof ColumnPrep.Numeric && input[p] instanceof Column.Numeric)) {
                prep.encode(input[p], out, d, offsets[p]);
                for (int j = offsets[p]; j < offsets[p] + prep.outputNames().size(); j++) {
                    scaleFeature(out, d, j, center[j], scale[j]);
                }
            }
        }
        return new Matrix(frame.rows(), d, out);
    }

    /**
     * {@link #transform} into an array this thread reuses from one call to the next (when the
     * sizes match): for a matrix that dies within the caller, read by a detector and dropped, as
     * when scoring block after block. The matrix is valid until this thread's next call.
     */
    public Matrix transformTransient(Frame frame) {
        return transform(frame, ThreadScratch.doubles(Math.multiplyExact(frame.rows(), featureCount())));
    }

    /** Writes every value of {@code out} (rows × features): each feature belongs to one column's encoder, which writes every row. */
    private Matrix transform(Frame frame, double[] out) {
        int d = featureCount();
        int offset = 0;
        for (ColumnPrep prep : columns) {
            Column col = frame.column(prep.column());
            if (col == null) {
                throw new InputException("input has no column '" + prep.column() + "'");
            }
            int width = prep.outputNames().size();
            if (prep instanceof ColumnPrep.Numeric numeric && col instanceof Column.Numeric values) {
                // a number is filled and scaled in one pass over the matrix: the same arithmetic
                scaledNumbers(values.values(), 0, values.values().length, numeric.fill(), center[offset], scale[offset], out, d, offset);
            } else {
                prep.encode(col, out, d, offset);
                for (int j = offset; j < offset + width; j++) {
                    scaleFeature(out, d, j, center[j], scale[j]);
                }
            }
            offset += width;
        }
        return new Matrix(frame.rows(), d, out);
    }

    /** Feature {@code j} of rows {@code from} to {@code to} of the row-major matrix: {@code (x - center) / scale}, a missing number filled first. */
    private static void scaledNumbers(double[] v, int from, int to, double fill, double center, double scale, double[] out, int d, int j) {
        for (int r = from, at = from * d + j; r < to; r++, at += d) {
            double x = v[r];
            out[at] = ((Double.isNaN(x) ? fill : x) - center) / scale;
        }
    }

    private static void scaleFeature(double[] out, int d, int j, double center, double scale) {
        for (int at = j; at < out.length; at += d) {
            out[at] = (out[at] - center) / scale;
        }
    }
}
