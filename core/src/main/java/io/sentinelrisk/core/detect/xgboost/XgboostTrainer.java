package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.Labels;
import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.Map;

/** Trains a booster with {@code binary:logistic} on the prepared rows and 0/1 labels, on {@link XgboostThread}. */
final class XgboostTrainer implements DetectorTrainer {
    private final XgboostParams s;
    private final long seed;
    /** XGBoost's monotone_constraints, one per input column, or null for none. */
    private final int[] monotone;

    XgboostTrainer(XgboostParams s, long seed, int[] monotone) {
        this.s = s;
        this.seed = seed;
        this.monotone = monotone;
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        Labels.requireBinary(XgboostFactory.TYPE, labels, x.rows());
        if (monotone != null && monotone.length != x.cols()) {
            throw new IllegalArgumentException(monotone.length + " monotone constraints for " + x.cols() + " inputs");
        }
        float[] data = XgboostModel.toFloats(x.data(), 0, x.data().length);
        float[] y = new float[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("eta", s.learningRate());
        p.put("max_depth", s.maxDepth());
        p.put("subsample", s.subsample());
        p.put("colsample_bytree", s.colsampleBytree());
        p.put("min_child_weight", s.minChildWeight());
        p.put("lambda", s.regLambda());
        p.put("scale_pos_weight", s.scalePosWeight());
        p.put("tree_method", s.treeMethod());
        int nthread = s.nthread() > 0 ? s.nthread() : Math.max(1, threads);
        p.put("nthread", nthread);
        p.put("seed", (int) (seed & 0x7fffffff));
        p.put("verbosity", 0);
        if (monotone != null) {
            StringBuilder c = new StringBuilder("(");
            for (int j = 0; j < monotone.length; j++) {
                c.append(j == 0 ? "" : ",").append(Integer.signum(monotone[j]));
            }
            p.put("monotone_constraints", c.append(')').toString());
        }
        try {
            return XgboostThread.call(() -> {
                DMatrix train = new DMatrix(data, x.rows(), x.cols(), Float.NaN);
                try {
                    train.setLabel(y);
                    return XgboostModel.trained(XGBoost.train(train, p, s.nEstimators(), new HashMap<>(), null, null), nthread);
                } finally {
                    train.dispose();
                }
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: training failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
    }
}
