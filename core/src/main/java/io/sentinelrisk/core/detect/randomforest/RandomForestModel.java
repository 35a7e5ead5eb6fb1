package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.TreeEnsemble;
import io.sentinelrisk.core.detect.support.BatchScoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fitted random forest: score = mean over trees of the leaf's anomaly fraction. */
public final class RandomForestModel implements FittedDetector, TreeEnsemble {
    private final int d;
    private final List<Tree> trees;
    private final double[] importance;

    RandomForestModel(int d, List<Tree> trees, double[] importance) {
        this.d = d;
        this.trees = trees;
        this.importance = importance;
    }

    @Override
    public String type() {
        return RandomForestFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    List<Tree> trees() {
        return trees;
    }

    double[] importanceArray() {
        return importance.clone();
    }

    public int treeCount() {
        return trees.size();
    }

    /**
     * Mean decrease in (weighted) Gini impurity per feature, normalised per tree and over the
     * forest to sum to 1 (scikit-learn's {@code feature_importances_}): feature index → importance.
     */
    @Override
    public String importanceKind() {
        return "gini";
    }

    @Override
    public double[] featureImportances() {
        return importance.clone();
    }

    public Map<Integer, Double> featureImportance() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            m.put(j, importance[j]);
        }
        return m;
    }

    @Override
    public double score(double[] row) {
        return BatchScoring.scoreRow(type(), d, row, this::scoreAt);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.score(type(), d, x, out, threads, 256, this::scoreAt);
    }

    private double scoreAt(double[] data, int off) {
        double s = 0;
        for (Tree t : trees) {
            s += t.predict(data, off);
        }
        return s / trees.size();
    }
}
