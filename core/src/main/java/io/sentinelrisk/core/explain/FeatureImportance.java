package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.TreeEnsemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Global explanation of tree models: how much each prepared feature counts in the fitted trees,
 * as shares that sum to 1.
 *
 * @param kind    {@code gini} (random forest: mean decrease in impurity, scikit-learn's
 *                {@code feature_importances_}), {@code gain} (XGBoost: average gain, XGBClassifier's
 *                default) or {@code split_count} (isolation forest: share of the splits on the feature)
 * @param weights one per prepared feature, in feature order
 */
public record FeatureImportance(String kind, List<FeatureWeight> weights) {
    public FeatureImportance {
        weights = List.copyOf(weights);
    }

    /** The importance of a fitted detector, or empty when it has none (not a {@link TreeEnsemble}). */
    public static Optional<FeatureImportance> of(FittedDetector detector, List<String> featureNames) {
        if (detector instanceof TreeEnsemble trees) {
            return Optional.of(fromArray(trees.importanceKind(), trees.featureImportances(), featureNames));
        }
        return Optional.empty();
    }

    private static FeatureImportance fromArray(String kind, double[] v, List<String> names) {
        if (v.length != names.size()) {
            throw new IllegalArgumentException(v.length + " importances for " + names.size() + " features");
        }
        List<FeatureWeight> out = new ArrayList<>(v.length);
        for (int j = 0; j < v.length; j++) {
            out.add(new FeatureWeight(names.get(j), v[j]));
        }
        return new FeatureImportance(kind, out);
    }
}
