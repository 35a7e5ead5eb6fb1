package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.HasFeatureAttributions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Local explanation of an XGBoost model: the TreeSHAP contribution of each prepared feature to
 * one row's log-odds of being an anomaly (XGBoost4J's {@code predictContrib}). The bias plus the
 * contributions is the row's log-odds.
 *
 * @param bias          the expected log-odds, the same for every row
 * @param contributions every feature's contribution, largest |contribution| first (ties in feature order)
 */
public record ShapValues(double bias, List<FeatureWeight> contributions) {
    public ShapValues {
        contributions = List.copyOf(contributions);
    }

    /** The log-odds these contributions add up to. */
    public double logOdds() {
        double s = bias;
        for (FeatureWeight w : contributions) {
            s += w.value();
        }
        return s;
    }

    /**
     * SHAP values of each row of {@code rows} (prepared features), or an empty list when the
     * detector does not attribute its scores to features ({@link HasFeatureAttributions}).
     */
    public static List<ShapValues> of(FittedDetector detector, Matrix rows, List<String> featureNames) {
        if (!(detector instanceof HasFeatureAttributions model) || rows.rows() == 0) {
            return List.of();
        }
        Matrix c = model.featureAttributions(rows);
        int d = featureNames.size();
        List<ShapValues> out = new ArrayList<>(rows.rows());
        for (int i = 0; i < rows.rows(); i++) {
            List<FeatureWeight> ws = new ArrayList<>(d);
            for (int j = 0; j < d; j++) {
                ws.add(new FeatureWeight(featureNames.get(j), c.get(i, j)));
            }
            ws.sort(Comparator.comparingDouble((FeatureWeight w) -> -Math.abs(w.value())));
            out.add(new ShapValues(c.get(i, d), ws));
        }
        return out;
    }
}
