package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;

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
        int d = featureCount();
        double[] out = new double[Math.multiplyExact(frame.rows(), d)];
        int offset = 0;
        for (ColumnPrep prep : columns) {
            Column col = frame.column(prep.column());
            if (col == null) {
                throw new InputException("input has no column '" + prep.column() + "'");
            }
            prep.encode(col, out, d, offset);
            offset += prep.outputNames().size();
        }
        for (int at = 0; at < out.length; at += d) {
            for (int j = 0; j < d; j++) {
                out[at + j] = (out[at + j] - center[j]) / scale[j];
            }
        }
        return new Matrix(frame.rows(), d, out);
    }
}
