package io.sentinelrisk.core.detect;

/**
 * A fitted model made of trees that can say how much each prepared feature counts in them (a
 * global explanation). Explainers ask for this capability instead of naming concrete models.
 */
public interface TreeEnsemble {
    /**
     * How importance is measured: {@code gini} (mean decrease in impurity), {@code gain}
     * (average gain of the splits) or {@code split_count} (share of the splits on the feature).
     */
    String importanceKind();

    /** One share per prepared feature, in feature order, summing to 1 (all 0 when no tree splits). */
    double[] featureImportances();

    /** A map of feature index → share as an array of {@code d} shares (absent indexes are 0). */
    static double[] dense(java.util.Map<Integer, Double> byIndex, int d) {
        double[] v = new double[d];
        byIndex.forEach((j, w) -> v[j] = w);
        return v;
    }
}
